package dev.i2v.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Stores immutable objects under keys such as {@code inputs/<job>/image.png}. A key is one or more
 * path segments of letters, digits, {@code . _ -}, separated by {@code /}; anything else is refused.
 */
public interface ObjectStore {

    /** Stores the stream's bytes under the key, replacing what was there; readers never see half an object. */
    StoredObject put(String key, InputStream content, String contentType) throws IOException;

    /** The object's metadata, if it exists. */
    Optional<StoredObject> find(String key) throws IOException;

    /** Opens the object for reading. */
    InputStream open(String key) throws IOException;

    /** Removes the object; removing a missing object is not an error. */
    void delete(String key) throws IOException;

    /** What is stored under a key. */
    record StoredObject(String key, long sizeBytes, String contentType) {
    }
}
