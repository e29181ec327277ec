package dev.i2v.gateway.videos;

import java.io.IOException;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import dev.i2v.contracts.ObjectKeys;
import dev.i2v.gateway.problems.GatewayException;
import dev.i2v.storage.ObjectStore;
import dev.i2v.storage.SignedLinks;

/**
 * Opens an input image for a provider that fetches it by a signed link (Luma; Runway above 5 MB). Only
 * keys under {@code inputs/} can be linked; a wrong, altered or expired link is answered like an
 * unknown one, so links reveal nothing about what exists.
 */
@Service
class InputLinkService {

    private final ObjectStore store;
    private final Optional<SignedLinks> links;

    InputLinkService(ObjectStore store, ObjectProvider<SignedLinks> links) {
        this.store = store;
        this.links = Optional.ofNullable(links.getIfAvailable());
    }

    StoredObjectResource open(String key, long expires, String signature) {
        boolean valid = key.startsWith(ObjectKeys.INPUTS) && links.map(l -> l.verify(key, expires, signature)).orElse(false);
        if (!valid) {
            throw GatewayException.notFound("input");
        }
        try {
            return store.find(key).map(object -> new StoredObjectResource(store, object))
                    .orElseThrow(() -> GatewayException.notFound("input"));
        } catch (IOException e) {
            throw GatewayException.unavailable("input storage");
        }
    }
}
