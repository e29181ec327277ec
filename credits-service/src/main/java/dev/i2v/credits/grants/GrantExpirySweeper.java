package dev.i2v.credits.grants;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires lots past their expiry for accounts nobody touches; accounts in use are brought up to date
 * by every operation anyway.
 */
@Component
class GrantExpirySweeper {

    private static final Logger log = LoggerFactory.getLogger(GrantExpirySweeper.class);

    private final GrantService grants;

    GrantExpirySweeper(GrantService grants) {
        this.grants = grants;
    }

    @Scheduled(fixedDelayString = "${i2v.credits.sweep-interval:60s}")
    void sweep() {
        int settled;
        do {
            settled = grants.expireDue(100);
            if (settled > 0) {
                log.info("expired due grants of {} accounts", settled);
            }
        } while (settled == 100);
    }
}
