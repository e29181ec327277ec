package dev.i2v.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Supplier;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Objects in an S3 bucket (AWS or any S3-compatible store). Uploads go through a temporary file so that
 * the length is known and a failed upload leaves nothing: S3 makes an object visible only once complete.
 */
public final class S3ObjectStore implements ObjectStore {

    private final S3Client s3;
    private final String bucket;

    public S3ObjectStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public StoredObject put(String key, InputStream content, String contentType) throws IOException {
        ObjectKeys.requireValid(key);
        Path temp = Files.createTempFile("i2v-s3-", ".part");
        try {
            long size = Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
            call(() -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentLength(size),
                    RequestBody.fromFile(temp)));
            return new StoredObject(key, size, contentType);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<StoredObject> find(String key) throws IOException {
        ObjectKeys.requireValid(key);
        try {
            HeadObjectResponse head = call(() -> s3.headObject(b -> b.bucket(bucket).key(key)));
            return Optional.of(new StoredObject(key, head.contentLength(), head.contentType()));
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        ObjectKeys.requireValid(key);
        try {
            return call(() -> s3.getObject(b -> b.bucket(bucket).key(key)));
        } catch (NotFound e) {
            throw new NoSuchFileException(key);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        ObjectKeys.requireValid(key);
        call(() -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    /** S3's errors as the port's: a missing key is {@link NotFound}, anything else an {@link IOException}. */
    private static <T> T call(Supplier<T> request) throws IOException {
        try {
            return request.get();
        } catch (NoSuchKeyException e) {
            throw new NotFound();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NotFound();
            }
            throw new IOException("S3: " + e.awsErrorDetails().errorMessage(), e);
        } catch (SdkException | UncheckedIOException e) {
            throw new IOException("S3: " + e.getMessage(), e);
        }
    }

    private static final class NotFound extends IOException {
    }
}
