package dev.i2v.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Objects as files under a root directory. The content type travels in a side file
 * ({@code <name>.type}) because file systems keep none.
 */
public final class FileSystemObjectStore implements ObjectStore {

    private static final String TYPE_SUFFIX = ".type";

    private final Path root;

    public FileSystemObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public StoredObject put(String key, InputStream content, String contentType) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        // write beside the target and move into place, so a reader never sees a partial file
        Path temp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
        try {
            long size = Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(typeFile(target), contentType);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new StoredObject(key, size, contentType);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<StoredObject> find(String key) throws IOException {
        Path file = resolve(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Path type = typeFile(file);
        String contentType = Files.exists(type) ? Files.readString(type) : "application/octet-stream";
        return Optional.of(new StoredObject(key, Files.size(file), contentType));
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return Files.newInputStream(resolve(key));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException("no object under key " + key);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Path file = resolve(key);
        Files.deleteIfExists(file);
        Files.deleteIfExists(typeFile(file));
    }

    private Path resolve(String key) {
        Path path = root.resolve(ObjectKeys.requireValid(key)).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("invalid object key: " + key);
        }
        return path;
    }

    private static Path typeFile(Path file) {
        return file.resolveSibling(file.getFileName() + TYPE_SUFFIX);
    }
}
