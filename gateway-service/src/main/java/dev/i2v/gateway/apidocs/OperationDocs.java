package dev.i2v.gateway.apidocs;

import java.util.Map;

/**
 * Each documented operation's tag, operation id, summary and description, keyed by {@code METHOD path} as the
 * OpenAPI document spells the path: the words a generated client and Swagger UI show.
 */
final class OperationDocs {

    /** One operation's words. */
    record Doc(String tag, String operationId, String summary, String description) {
    }

    /** The tags of every group, with what they cover. */
    static final Map<String, String> TAGS = Map.ofEntries(
            Map.entry("Videos", "Image-to-video jobs: submit, follow, cancel, delete, download"),
            Map.entry("Models", "The video models offered, with their durations, resolutions and lanes"),
            Map.entry("Credits", "Points: balance by grant, parallel jobs in use, history"),
            Map.entry("Webhooks", "The secret that signs this account's webhooks"),
            Map.entry("Accounts", "Operators' account administration: accounts, plans, keys, identities, grants"),
            Map.entry("Ledger", "Operators' check of the points ledger"),
            Map.entry("Plans", "Operators' plans as data: limits, lanes, watermark, grants, priority weight"),
            Map.entry("Prices", "Operators' price table: points per model, duration, resolution and lane"),
            Map.entry("Jobs", "Operators' view of every account's jobs: search, whole record, force-cancel, refund, requeue"),
            Map.entry("Pauses", "Operators' pauses of a lane, a model or a route during an incident"),
            Map.entry("Catalogue", "Operators' model catalogue: models, providers, durations, resolutions, on or off"),
            Map.entry("Audit log", "Every operator action: who, when, what, before and after"),
            Map.entry("OpenAI Videos", "OpenAI's Videos API (Sora) over the same jobs, for code written against OpenAI's SDKs"));

    static final Map<String, Doc> BY_OPERATION = Map.ofEntries(
            doc("GET /v1/videos", "Videos", "listVideos", "List your videos",
                    "Newest first, one page at a time (`cursor` is the previous page's `next_cursor`), optionally only "
                            + "those in one status."),
            doc("POST /v1/videos", "Videos", "createVideo", "Submit an image and a prompt",
                    "Checks the image and options, holds the price in points and takes a parallel-job slot, then queues "
                            + "the job (202). Multipart with an `image` file, or JSON with a data URI or an https "
                            + "`image_url`. Send an `Idempotency-Key` to retry safely."),
            doc("POST /v1/videos/quote", "Videos", "quoteVideo", "Price a video before submitting it",
                    "What the same options would cost in points on your plan; nothing is held."),
            doc("GET /v1/videos/{id}", "Videos", "getVideo", "Get a video",
                    "Its status, progress, queue position and, once it succeeded, its output."),
            doc("DELETE /v1/videos/{id}", "Videos", "deleteVideo", "Delete a video",
                    "Cancels it if it has not finished (its points come back), then removes it and its files (204)."),
            doc("POST /v1/videos/{id}/cancel", "Videos", "cancelVideo", "Cancel a video",
                    "Stops a queued or running job; its held points come back. A finished job answers 409."),
            doc("GET /v1/videos/{id}/events", "Videos", "streamVideoEvents", "Follow a video live",
                    "Server-Sent Events: queued, running, progress, then the terminal event, after which the stream ends."),
            doc("GET /v1/videos/{id}/content", "Videos", "downloadVideo", "Download the MP4",
                    "The clip of a succeeded job, watermarked on plans with a watermark; Range requests are answered."),
            doc("GET /v1/models", "Models", "listModels", "List the models",
                    "Every model with the durations, resolutions and lanes it offers and whether it is available now."),
            doc("GET /v1/credits", "Credits", "getCredits", "Your points and parallel jobs",
                    "Balance by grant, the plan, parallel jobs in use and allowed, and when the next daily grant comes."),
            doc("GET /v1/credits/history", "Credits", "listCreditHistory", "Your points history",
                    "Every grant, hold, capture and release, newest first, one page at a time."),
            doc("GET /v1/webhooks/secret", "Webhooks", "getWebhookSecret", "Your webhook signing secret",
                    "The Standard Webhooks secret (`whsec_...`) that signs the webhooks sent for your jobs."),
            doc("POST /admin/v1/accounts", "Accounts", "createAccount", "Create an account",
                    "On a plan, with its signup grant; answers the account's first API key, shown once."),
            doc("PUT /admin/v1/accounts/{id}/plan", "Accounts", "changePlan", "Move an account to another plan",
                    "Takes effect from the next request: limits, lanes and the watermark follow the new plan."),
            doc("POST /admin/v1/accounts/{id}/keys", "Accounts", "issueKey", "Issue another API key",
                    "The key is shown once; its prefix names it for revocation."),
            doc("DELETE /admin/v1/accounts/{id}/keys/{prefix}", "Accounts", "revokeKey", "Revoke an API key",
                    "Refused from the next request on."),
            doc("POST /admin/v1/accounts/{id}/identities", "Accounts", "linkIdentity", "Link an OIDC subject",
                    "Access tokens with this subject then sign in as the account."),
            doc("POST /admin/v1/accounts/{id}/grants", "Accounts", "grantPoints", "Grant or take back points",
                    "A positive grant adds points (optionally expiring); a negative one takes them back, never below "
                            + "zero. Idempotent by its key."),
            doc("GET /admin/v1/accounts", "Accounts", "findAccounts", "Find accounts",
                    "By exactly one of: an API key's visible prefix (`key_prefix`), an OIDC subject (`subject`), or part "
                            + "of a key's label (`label`, e.g. an e-mail address)."),
            doc("GET /admin/v1/accounts/{id}/keys", "Accounts", "listKeys", "List an account's API keys",
                    "Each key's prefix and label, when it was created, last used (`last_used_at`, recorded about "
                            + "every 30 s) and revoked; never the secret."),
            doc("GET /admin/v1/accounts/{id}/usage", "Accounts", "getAccountUsage", "An account's usage",
                    "Jobs, successes and points spent per day (in the account's time zone) over `days` (30), and the "
                            + "holds still open: its jobs in flight with the points each holds."),
            doc("GET /admin/v1/accounts/{id}", "Accounts", "getAccount", "Look at an account",
                    "Its plan, balance by grant, parallel jobs in use and allowed, and when its next daily grant comes."),
            doc("GET /admin/v1/plans", "Plans", "listPlans", "List the plans",
                    "Every plan with its rules, whether it is retired, and how many accounts are on it."),
            doc("GET /admin/v1/plans/{code}", "Plans", "getPlan", "Get a plan", "One plan's rules and accounts."),
            doc("POST /admin/v1/plans", "Plans", "createPlan", "Create a plan",
                    "Parallel and queued limits, queue timeout, priority weight, watermark, maximum resolution and "
                            + "duration, lanes, and signup, daily and monthly grants (201)."),
            doc("PUT /admin/v1/plans/{code}", "Plans", "editPlan", "Edit a plan",
                    "Replaces every rule; the plan's accounts follow them from their next request, without a restart. "
                            + "Running jobs keep their slots."),
            doc("POST /admin/v1/plans/{code}/retire", "Plans", "retirePlan", "Retire a plan",
                    "No account may be created on it or move onto it (409 `plan_retired`); those on it keep it."),
            doc("POST /admin/v1/plans/{code}/restore", "Plans", "restorePlan", "Restore a retired plan",
                    "Accounts may take it again."),
            doc("GET /admin/v1/prices", "Prices", "listPrices", "List the price table",
                    "Every row; a job without a row is priced by the default rule (points per second, more above 768P)."),
            doc("PUT /admin/v1/prices/{model}/{duration}/{resolution}/{lane}", "Prices", "setPrice", "Set a price",
                    "The points a job of exactly this model, duration, resolution and lane costs. New quotes and "
                            + "submits use it; jobs already holding points keep their price."),
            doc("DELETE /admin/v1/prices/{model}/{duration}/{resolution}/{lane}", "Prices", "removePrice",
                    "Remove a price", "The default rule prices the key again (204)."),
            doc("GET /admin/v1/overview", "Jobs", "getOverview", "The queues now",
                    "Per lane: jobs waiting for admission, admitted, running; per model: queued, running, and jobs "
                            + "succeeded and failed in the last 15 minutes with the commonest error; per provider route: "
                            + "open tasks and creates in the last minute against its budget, and whether it is paused."),
            doc("GET /admin/v1/jobs", "Jobs", "searchJobs", "Search jobs",
                    "Every account's jobs, newest first, by account, status, model, provider, provider `route` "
                            + "(the account its task was created on), lane and creation time "
                            + "(`created_from`, `created_to`), one page at a time."),
            doc("GET /admin/v1/jobs/{id}", "Jobs", "getJobRecord", "A job's whole record",
                    "The job, its worker, lease and provider task (the id the provider bills), every transition, its "
                            + "points movements and the operators' actions on it."),
            doc("POST /admin/v1/jobs/{id}/cancel", "Jobs", "forceCancelJob", "Force-cancel a job",
                    "Stops a queued or running job of any account, with a reason; its held points come back."),
            doc("POST /admin/v1/jobs/{id}/refund", "Jobs", "refundJob", "Refund a job",
                    "Gives a succeeded job's points back as a grant, with a reason, once (409 `already_refunded`)."),
            doc("POST /admin/v1/jobs/{id}/requeue", "Jobs", "requeueJob", "Requeue a failed job",
                    "Submits a failed job again as a new job: same account, inputs and webhook, held and charged at "
                            + "today's price like a submit (the failed job's hold was released). Once per failed job "
                            + "(409 `already_requeued`); a job that did not fail answers 409 `job_not_requeueable`. "
                            + "The failed job stays failed; the records name each other (`requeued_as`, "
                            + "`requeued_from`). A reason is required."),
            doc("GET /admin/v1/pauses", "Pauses", "listPauses", "List the pauses",
                    "Every paused lane, model and route, with its mode, reason, operator and start."),
            doc("PUT /admin/v1/pauses/{kind}/{name}", "Pauses", "pause", "Pause a lane, model or route",
                    "`kind` is `lane`, `model` or `route`. Waiting jobs of it are not started until it is resumed; "
                            + "running jobs finish. With `mode` `refuse` (a lane or model), new submits answer 503 "
                            + "`model_paused` or `lane_paused`; with `queue` (the default) they are accepted and wait."),
            doc("DELETE /admin/v1/pauses/{kind}/{name}", "Pauses", "resume", "Resume",
                    "Waiting jobs start again in their order; answers the pause that ended."),
            doc("GET /admin/v1/me", "Audit log", "whoAmI", "Who this token is",
                    "The operator's name (as the audit log records it) and role: `support` reads, `admin` also changes."),
            doc("GET /admin/v1/models", "Catalogue", "listCatalogue", "List the model catalogue",
                    "Every model with its provider, the provider's model id, its durations and resolutions, whether it "
                            + "is offered, and who changed it last."),
            doc("PUT /admin/v1/models/{id}", "Catalogue", "putModel", "Add or edit a model",
                    "Durations and resolutions (up to what the provider offers), the provider model id, whether it is "
                            + "offered. Gateways offer it within seconds, without a restart; a new provider needs code."),
            doc("GET /admin/v1/audit-log", "Audit log", "listAuditLog", "Read the audit log",
                    "Operators' actions, newest first, filtered by operator, action or target (`account:<id>`, "
                            + "`plan:<code>`, `job:<id>`), one page at a time. Append-only."),
            doc("GET /admin/v1/ledger/audit", "Ledger", "auditLedger", "Audit the ledger",
                    "Recomputes balances from the journal and the grants and lists any drift."),
            doc("GET /openai/v1/videos", "OpenAI Videos", "openAiListVideos", "List videos (OpenAI)",
                    "OpenAI's list: `after`, `limit`, `order`; `first_id`, `last_id`, `has_more`."),
            doc("POST /openai/v1/videos", "OpenAI Videos", "openAiCreateVideo", "Create a video (OpenAI)",
                    "OpenAI's create, multipart with `input_reference` or JSON; the same submit as `POST /v1/videos`."),
            doc("GET /openai/v1/videos/{id}", "OpenAI Videos", "openAiRetrieveVideo", "Retrieve a video (OpenAI)",
                    "The video in OpenAI's shape; cancelled reads as failed with the code `cancelled`."),
            doc("DELETE /openai/v1/videos/{id}", "OpenAI Videos", "openAiDeleteVideo", "Delete a video (OpenAI)",
                    "Cancels it if unfinished, then removes it and its files."),
            doc("GET /openai/v1/videos/{id}/content", "OpenAI Videos", "openAiDownloadVideo", "Download a video (OpenAI)",
                    "The MP4 (`variant=video`); thumbnails and spritesheets are not made."));

    private OperationDocs() {
    }

    private static Map.Entry<String, Doc> doc(String key, String tag, String operationId, String summary,
                                              String description) {
        return Map.entry(key, new Doc(tag, operationId, summary, description));
    }
}
