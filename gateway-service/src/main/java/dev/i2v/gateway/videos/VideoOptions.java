package dev.i2v.gateway.videos;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.Resolution;
import dev.i2v.gateway.GatewayProperties;
import dev.i2v.gateway.models.Model;
import dev.i2v.gateway.models.ModelCatalog;
import dev.i2v.gateway.problems.GatewayException;
import dev.i2v.kit.net.PublicAddresses;

/** A request's options with defaults applied, each checked against what the model offers. */
record VideoOptions(String prompt, Model model, int duration, String resolution, Lane lane, boolean promptOptimizer) {

    static VideoOptions resolve(VideoRequest request, ModelCatalog catalog, GatewayProperties.Prompt limits) {
        String modelId = request.model() == null || request.model().isBlank() ? ModelCatalog.DEFAULT_MODEL : request.model();
        Model model = catalog.find(modelId).filter(Model::available)
                .orElseThrow(() -> GatewayException.unsupportedOption("model '" + modelId + "' is not offered"));
        int duration = request.duration() == null ? model.defaultDuration() : request.duration();
        if (!model.durations().contains(duration)) {
            throw GatewayException.unsupportedOption("model '" + modelId + "' offers durations " + model.durations()
                    + " seconds, not " + duration);
        }
        String resolution = request.resolution() == null ? model.defaultResolution()
                : Resolution.parse(request.resolution()).map(Resolution::wireName)
                        .orElse(request.resolution().toUpperCase(Locale.ROOT));
        if (!model.resolutions().contains(resolution)) {
            throw GatewayException.unsupportedOption("model '" + modelId + "' offers resolutions " + model.resolutions()
                    + ", not " + resolution);
        }
        Lane lane = lane(request.lane(), model);
        boolean optimizer = Boolean.TRUE.equals(request.promptOptimizer());
        if (optimizer && !model.promptOptimizer()) {
            throw GatewayException.unsupportedOption("model '" + modelId + "' has no prompt optimizer");
        }
        checkWebhook(request.webhookUrl());
        return new VideoOptions(prompt(request.prompt(), limits), model, duration, resolution, lane, optimizer);
    }

    private static Lane lane(String name, Model model) {
        try {
            Lane lane = Lane.orDefault(name);
            if (model.lanes().contains(lane)) {
                return lane;
            }
        } catch (IllegalArgumentException e) {
            // not a lane at all: the same answer as a lane this model does not offer
        }
        throw GatewayException.unsupportedOption("lane must be one of "
                + model.lanes().stream().map(Lane::wireName).toList());
    }

    private static String prompt(String prompt, GatewayProperties.Prompt limits) {
        if (prompt == null || prompt.isBlank()) {
            throw GatewayException.invalid("invalid_prompt", "prompt is required (1-" + limits.maxLength() + " characters)");
        }
        if (prompt.codePointCount(0, prompt.length()) > limits.maxLength()) {
            throw GatewayException.invalid("invalid_prompt", "prompt is longer than " + limits.maxLength() + " characters");
        }
        if (prompt.chars().anyMatch(c -> c == 0)) {
            throw GatewayException.invalid("invalid_prompt", "prompt contains a NUL character");
        }
        return prompt;
    }

    /**
     * The webhook's URL gets the rules of {@code image_url}: https only, no credentials, and no address inside
     * our network. Only a literal address (or localhost) is refused here, without a lookup; a name is checked
     * where the webhook is sent, at connect time, so a name that resolves inside later is never called.
     */
    private static void checkWebhook(String url) {
        if (url == null) {
            return;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalidWebhook("webhook_url is not a valid URL");
        }
        if (url.length() > 2048) {
            throw invalidWebhook("webhook_url is longer than 2048 characters");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw invalidWebhook("webhook_url must be an https URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalidWebhook("webhook_url must carry no credentials");
        }
        if (PublicAddresses.isInsideLiteral(uri.getHost())) {
            throw invalidWebhook("webhook_url must not point inside a private network (" + uri.getHost() + ")");
        }
    }

    private static GatewayException invalidWebhook(String why) {
        return GatewayException.invalid("invalid_webhook_url", why);
    }
}
