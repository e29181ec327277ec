package dev.i2v.gateway.videos;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.core.io.AbstractResource;

import dev.i2v.storage.ObjectStore;

/**
 * An object of the store as a Spring {@code Resource} that can be opened more than once and knows
 * its length: what Spring MVC needs to answer {@code Range} requests with 206 partial content.
 */
public final class StoredObjectResource extends AbstractResource {

    private final ObjectStore store;
    private final ObjectStore.StoredObject object;

    StoredObjectResource(ObjectStore store, ObjectStore.StoredObject object) {
        this.store = store;
        this.object = object;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return store.open(object.key());
    }

    @Override
    public long contentLength() {
        return object.sizeBytes();
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public String getFilename() {
        return object.key().substring(object.key().lastIndexOf('/') + 1);
    }

    @Override
    public String getDescription() {
        return "stored object " + object.key();
    }

    public String contentType() {
        return object.contentType();
    }
}
