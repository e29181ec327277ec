package dev.i2v.storage;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

class FileSystemObjectStoreTest extends ObjectStoreContract {

    @TempDir
    Path root;

    @Override
    protected ObjectStore store() {
        return new FileSystemObjectStore(root);
    }
}
