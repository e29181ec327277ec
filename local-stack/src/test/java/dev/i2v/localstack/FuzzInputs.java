package dev.i2v.localstack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import dev.i2v.fixtures.TestImages;

/**
 * Hostile and malformed requests for {@code POST /v1/videos} and its quote: random bodies, valid
 * requests mutated byte by byte, wrong content types, truncated images, polyglots, SVG, empty files,
 * huge prompts, invalid UTF-8, images declaring 100k×100k pixels, forbidden image URLs. Seeded, so a
 * failure is reproducible. Any of them may happen to be valid: the fuzzed account has no points, so a
 * valid request still ends in a refusal (402) and changes nothing.
 */
final class FuzzInputs {

    /** One request: where it goes, its content type (or none) and body. */
    record Input(String name, String path, String contentType, byte[] body) {
    }

    private static final String[] CONTENT_TYPES = {"application/json", "multipart/form-data; boundary=xyz",
            "multipart/form-data", "text/plain", "application/octet-stream", "image/png",
            "application/x-www-form-urlencoded", "application/json; charset=utf-16", "application/xml", null};

    private final Random random;
    private final byte[] png;
    private final byte[] jpeg;
    private final byte[] webp;
    private final List<Input> inputs = new ArrayList<>();

    FuzzInputs(long seed) throws IOException {
        this.random = new Random(seed);
        this.png = TestImages.gradient("png", 640, 480);
        this.jpeg = TestImages.gradient("jpg", 640, 480);
        this.webp = TestImages.webpHeader(640, 480);
    }

    List<Input> all() {
        randomBodies(60);
        mutatedImages(90);
        truncatedImages(60);
        hostileFiles();
        hostilePrompts();
        mutatedJson(120);
        hostileJsonFields();
        mutatedMultipart(80);
        return List.copyOf(inputs);
    }

    private void randomBodies(int n) {
        for (int i = 0; i < n; i++) {
            byte[] body = new byte[random.nextInt(4096)];
            random.nextBytes(body);
            add("random bytes #" + i, path(), CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)], body);
        }
    }

    private void mutatedImages(int n) {
        byte[][] images = {png, jpeg, webp};
        for (int i = 0; i < n; i++) {
            byte[] image = images[i % images.length].clone();
            int flips = 1 + random.nextInt(12);
            // most flips land in the first bytes, where the type and size are declared
            for (int f = 0; f < flips; f++) {
                int at = random.nextBoolean() ? random.nextInt(Math.min(64, image.length)) : random.nextInt(image.length);
                image[at] ^= (byte) (1 << random.nextInt(8));
            }
            addImage("bit-flipped image #" + i, image, i % 2 == 0);
        }
    }

    private void truncatedImages(int n) {
        byte[][] images = {png, jpeg, webp};
        for (int i = 0; i < n; i++) {
            byte[] image = images[i % images.length];
            int length = i < 12 ? i : random.nextInt(Math.min(image.length, 2048));
            addImage("truncated image #" + i + " (" + length + " bytes)", Arrays.copyOf(image, length), i % 2 == 0);
        }
    }

    private void hostileFiles() {
        List<byte[]> files = List.of(
                new byte[0],
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"480\"><script>alert(1)</script></svg>"
                        .getBytes(StandardCharsets.UTF_8),
                concat("GIF89a".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0x80, 2, (byte) 0xe0, 1, 0, 0, 0},
                        "/*<script>alert(1)</script>*/".getBytes(StandardCharsets.US_ASCII)),
                concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, "<html><body>hi</body></html>".getBytes()),
                concat(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, "PK\u0003\u0004 zip inside".getBytes()),
                "%PDF-1.7\n1 0 obj<<>>endobj".getBytes(StandardCharsets.US_ASCII),
                concat("BM".getBytes(), new byte[64]),
                concat(new byte[] {'I', 'I', 42, 0}, new byte[64]),
                concat(new byte[] {0, 0, 0, 24}, "ftypheic\0\0\0\0mif1heic".getBytes()),
                TestImages.pngHeaderOnly(100_000, 100_000),
                TestImages.pngHeaderOnly(65_535, 100),
                TestImages.pngHeaderOnly(1, 1),
                TestImages.pngHeaderOnly(0, 0),
                TestImages.pngHeaderOnly(-1, -1),
                TestImages.webpHeader(16_384, 16_384),
                TestImages.jpegHeader(65_535, 65_535),
                TestImages.jpegHeader(0, 480),
                concat(png, png),
                new byte[20 * 1024 * 1024 + 1]);
        for (int i = 0; i < files.size(); i++) {
            addImage("hostile file #" + i, files.get(i), true);
            addImage("hostile file #" + i, files.get(i), false);
        }
        addMultipart("declared image/png, is text", new Multipart().field("prompt", "a cat")
                .file("image", "cat.png", "image/png", "not an image at all".getBytes()));
        addMultipart("two image parts", new Multipart().field("prompt", "a cat")
                .file("image", "a.png", "image/png", png).file("image", "b.png", "image/png", png));
        addMultipart("file in the prompt field", new Multipart().file("prompt", "p.txt", "text/plain", png)
                .file("image", "a.png", "image/png", png));
    }

    private void hostilePrompts() {
        List<byte[]> prompts = List.of(
                "a".repeat(2001).getBytes(),
                "猫".repeat(2001).getBytes(StandardCharsets.UTF_8),
                "x".repeat(100_000).getBytes(),
                new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xA0, (byte) 0xA1, (byte) 0xFF, (byte) 0xFE},
                new byte[] {'a', 0, 'b', 0, 0},
                "\u202Egnp.exe \uD83D\uDE00 ÿ".getBytes(StandardCharsets.UTF_8),
                "   \t\n ".getBytes(),
                new byte[0]);
        for (int i = 0; i < prompts.size(); i++) {
            addMultipart("hostile prompt #" + i, new Multipart().rawField("prompt", prompts.get(i))
                    .file("image", "a.png", "image/png", png));
            byte[] json = concat("{\"prompt\":\"".getBytes(), prompts.get(i),
                    ("\",\"image\":\"" + dataUri("image/png", png) + "\"}").getBytes());
            add("hostile prompt in JSON #" + i, "/v1/videos", "application/json", json);
        }
    }

    private void mutatedJson(int n) {
        String valid = "{\"prompt\":\"a cat\",\"model\":\"local\",\"duration\":6,\"resolution\":\"768P\",\"lane\":\"standard\","
                + "\"prompt_optimizer\":false,\"image\":\"" + dataUri("image/png", png) + "\"}";
        byte[] base = valid.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < n; i++) {
            byte[] body = base.clone();
            int edits = 1 + random.nextInt(6);
            for (int e = 0; e < edits; e++) {
                body = mutate(body, valid.indexOf("\"image\"") + 30);
            }
            add("mutated JSON #" + i, path(), "application/json", body);
        }
    }

    /** An edit, most often in the fields before the image, sometimes anywhere. */
    private byte[] mutate(byte[] body, int fieldsEnd) {
        if (body.length < 2) {
            return concat(body, new byte[] {(byte) random.nextInt(256)});
        }
        int at = random.nextInt(4) == 0 ? random.nextInt(body.length) : random.nextInt(Math.min(fieldsEnd, body.length));
        return switch (random.nextInt(4)) {
            case 0 -> {
                body[at] = (byte) random.nextInt(256);
                yield body;
            }
            case 1 -> concat(Arrays.copyOf(body, at), Arrays.copyOfRange(body, Math.min(body.length, at + 1 + random.nextInt(8)), body.length));
            case 2 -> concat(Arrays.copyOf(body, at), "{[\"\\:,}]0e".substring(random.nextInt(10)).getBytes(),
                    Arrays.copyOfRange(body, at, body.length));
            default -> Arrays.copyOf(body, at);
        };
    }

    private void hostileJsonFields() {
        String image = "\"image\":\"" + dataUri("image/png", png) + "\"";
        List<String> bodies = new ArrayList<>(List.of(
                "{}", "[]", "null", "\"a string\"", "42", "{\"prompt\":null," + image + "}",
                "{\"prompt\":\"a\",\"duration\":\"six\"," + image + "}",
                "{\"prompt\":\"a\",\"duration\":1e309," + image + "}",
                "{\"prompt\":\"a\",\"duration\":-6," + image + "}",
                "{\"prompt\":\"a\",\"duration\":6.5," + image + "}",
                "{\"prompt\":\"a\",\"duration\":99999999999999999999," + image + "}",
                "{\"prompt\":\"a\",\"resolution\":\"99999P\"," + image + "}",
                "{\"prompt\":\"a\",\"resolution\":\"\"," + image + "}",
                "{\"prompt\":\"a\",\"model\":\"../../etc/passwd\"," + image + "}",
                "{\"prompt\":\"a\",\"model\":\"crash\\u0000\"," + image + "}",
                "{\"prompt\":\"a\",\"lane\":\"priority\"," + image + "}",
                "{\"prompt\":\"a\",\"lane\":\"relaxed\",\"resolution\":\"1080P\"," + image + "}",
                "{\"prompt\":\"a\",\"prompt_optimizer\":\"yes please\"," + image + "}",
                "{\"prompt\":[\"a\"]," + image + "}",
                "{\"prompt\":{\"a\":1}," + image + "}",
                "{\"prompt\":\"a\",\"image\":42}",
                "{\"prompt\":\"a\",\"image\":\"data:image/png;base64,!!!notbase64!!!\"}",
                "{\"prompt\":\"a\",\"image\":\"data:image/png;base64,\"}",
                "{\"prompt\":\"a\",\"image\":\"data:,hello\"}",
                "{\"prompt\":\"a\",\"image\":\"data:text/html;base64," + Base64.getEncoder().encodeToString("<b>x</b>".getBytes()) + "\"}",
                "{\"prompt\":\"a\",\"image\":\"" + dataUri("image/gif", png) + "\"}",
                "{\"prompt\":\"a\",\"image\":\"/etc/passwd\"}",
                "{\"prompt\":\"a\",\"image\":\"file:///etc/passwd\"}",
                "{\"prompt\":\"a\",\"image\":\"" + "A".repeat(100_000) + "\"}",
                "{\"prompt\":\"a\",\"webhook_url\":\"http://127.0.0.1:1/hook\"," + image + "}",
                "{\"prompt\":\"a\",\"webhook_url\":\"not a url\"," + image + "}",
                "{\"prompt\":\"a\",\"prompt\":\"b\"," + image + "}",
                "{\"prompt\":\"a\"," + image + "," + image + "}",
                "{\"prompt\":\"a\"," + image + ",\"unknown\":{\"deep\":[1,2,{\"x\":null}]}}",
                "[".repeat(10_000) + "]".repeat(10_000),
                "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
                "{\"prompt\":\"a\"," + image));
        for (String url : List.of("http://127.0.0.1/cat.png", "ftp://127.0.0.1/cat.png", "https://127.0.0.1/cat.png",
                "https://169.254.169.254/latest/meta-data/", "https://[::1]/cat.png", "https://localhost/cat.png",
                "https://10.0.0.1/cat.png", "https://0.0.0.0/cat.png", "https://[fd00::1]/cat.png", "javascript:alert(1)",
                "https://127.0.0.1/" + "a".repeat(10_000), "https://user:pass@127.0.0.1/x.png", "", "https://")) {
            bodies.add("{\"prompt\":\"a\",\"image_url\":\"" + url + "\"}");
            bodies.add("{\"prompt\":\"a\",\"image_url\":\"" + url + "\"," + image + "}");
        }
        for (int i = 0; i < bodies.size(); i++) {
            add("hostile JSON #" + i, i % 5 == 4 ? "/v1/videos/quote" : "/v1/videos", "application/json",
                    bodies.get(i).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void mutatedMultipart(int n) {
        for (int i = 0; i < n; i++) {
            Multipart form = new Multipart().field("prompt", "a cat").field("duration", "6").field("resolution", "768P")
                    .file("image", "a.png", "image/png", png);
            byte[] body = form.bytes();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                body = mutate(body, 400);
            }
            String type = random.nextInt(5) == 0 ? "multipart/form-data; boundary=wrong" : form.contentType();
            add("mutated multipart #" + i, "/v1/videos", type, body);
        }
    }

    private void addImage(String name, byte[] image, boolean multipart) {
        if (multipart) {
            addMultipart(name + " (multipart)", new Multipart().field("prompt", "a cat").file("image", "in.png", "image/png", image));
        } else {
            add(name + " (data URI)", "/v1/videos", "application/json",
                    ("{\"prompt\":\"a cat\",\"image\":\"" + dataUri("image/png", image) + "\"}").getBytes(StandardCharsets.UTF_8));
        }
    }

    private void addMultipart(String name, Multipart form) {
        add(name, "/v1/videos", form.contentType(), form.bytes());
    }

    private void add(String name, String path, String contentType, byte[] body) {
        inputs.add(new Input(name, path, contentType, body));
    }

    private String path() {
        return random.nextInt(4) == 0 ? "/v1/videos/quote" : "/v1/videos";
    }

    private static String dataUri(String type, byte[] bytes) {
        return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer all = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }
}
