package dev.i2v.gateway.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.gateway.problems.GatewayException;

/**
 * Operators' lookup of accounts by what a user can tell support: an API key's visible prefix, the OIDC subject they
 * sign in with, or a key's label (often an e-mail address). Keys are listed by prefix, never by secret.
 */
@Service
public class AccountDirectory {

    private final DirectoryRepository directory;

    AccountDirectory(DirectoryRepository directory) {
        this.directory = directory;
    }

    /** Exactly one of the criteria; labels match case-insensitively on a part. */
    @Transactional(readOnly = true)
    public List<UUID> find(String keyPrefix, String subject, String label) {
        int given = (keyPrefix == null ? 0 : 1) + (subject == null ? 0 : 1) + (label == null ? 0 : 1);
        if (given != 1) {
            throw GatewayException.invalid("invalid_request", "give exactly one of key_prefix, subject or label");
        }
        if (label != null && label.strip().length() < 3) {
            throw GatewayException.invalid("invalid_request", "label must be at least 3 characters");
        }
        return keyPrefix != null ? directory.byKeyPrefix(keyPrefix)
                : subject != null ? directory.bySubject(subject) : directory.byLabel(label.strip());
    }

    @Transactional(readOnly = true)
    public List<KeyView> keys(UUID accountId) {
        return directory.keys(accountId);
    }

    /**
     * @param revokedAt  null while the key is accepted
     * @param lastUsedAt when it was last accepted (recorded every half minute or so), null if never
     */
    public record KeyView(String prefix, String label, Instant createdAt, Instant revokedAt, Instant lastUsedAt) {
    }
}
