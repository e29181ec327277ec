package dev.i2v.kit.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** A link names one attempt at one provider, and nothing else verifies. */
class CallbackLinksTest {

    private final CallbackLinks links = new CallbackLinks("an-internal-token-of-24-characters");
    private final UUID job = UUID.randomUUID();

    @Test
    void aWorkersLinkVerifiesAsTheAttemptItNames() {
        URI link = links.link(URI.create("https://api.example.com/"), "minimax", job, 2);

        assertThat(link.toString()).startsWith("https://api.example.com/v1/provider-callbacks/minimax/" + job + ".2.");
        String token = link.getPath().substring(link.getPath().lastIndexOf('/') + 1);
        assertThat(links.verify("minimax", token)).contains(new CallbackLinks.Target("minimax", job, 2));
    }

    @Test
    void forgedAlteredOrBorrowedTokensDoNotVerify() {
        String token = links.token("minimax", job, 1);

        assertThat(links.verify("kling", token)).as("another provider's route").isEmpty();
        assertThat(links.verify("minimax", token.replace(job + ".1.", job + ".2."))).as("another attempt").isEmpty();
        assertThat(links.verify("minimax", UUID.randomUUID() + token.substring(36))).as("another job").isEmpty();
        assertThat(links.verify("minimax", token + "x")).isEmpty();
        assertThat(links.verify("minimax", "not-a-token")).isEmpty();
        assertThat(links.verify("minimax", null)).isEmpty();
        assertThat(new CallbackLinks("another-deployments-token-24chars").verify("minimax", token))
                .as("signed with another deployment's key").isEmpty();
    }
}
