package dev.i2v.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.i2v.contracts.events.Topics;

/** Every overlay renders, parses as Kubernetes objects, and keeps the operating rules. */
class ManifestsTest {

    private static final Set<String> SERVICES = Set.of("gateway-service", "credits-service", "job-service", "worker-service");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyServiceRunsWithProbesLimitsAndNoRootFromAPinnedImage(String overlay) throws Exception {
        List<Deployment> deployments = Manifests.ofType(Manifests.render(overlay), Deployment.class);

        assertThat(deployments).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (Deployment deployment : deployments) {
            var pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name(deployment)).isTrue();
            for (Container c : pod.getContainers()) {
                String what = name(deployment) + "/" + c.getName();
                assertThat(c.getReadinessProbe()).as(what + " readiness").isNotNull();
                assertThat(c.getLivenessProbe()).as(what + " liveness").isNotNull();
                assertThat(c.getStartupProbe()).as(what + " startup").isNotNull();
                assertThat(c.getResources().getRequests()).as(what + " requests").containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(what + " limits").containsKey("memory");
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(what).isFalse();
                assertThat(c.getImage()).as(what + " image").matches("[^:]+/[^:]+:[0-9][^:]*").doesNotEndWith(":latest");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyDeploymentHasADisruptionBudgetSelectingIt(String overlay) throws Exception {
        List<HasMetadata> objects = Manifests.render(overlay);
        Map<String, Map<String, String>> budgets = Manifests.ofType(objects, PodDisruptionBudget.class).stream()
                .collect(Collectors.toMap(this::name, p -> p.getSpec().getSelector().getMatchLabels()));

        for (Deployment deployment : Manifests.ofType(objects, Deployment.class)) {
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(budgets.values()).as(name(deployment))
                    .anySatisfy(selector -> assertThat(podLabels).containsAllEntriesOf(selector));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void secretsAreReferencedNeverWrittenIntoTheManifests(String overlay) throws Exception {
        List<HasMetadata> objects = Manifests.render(overlay);

        for (Deployment deployment : Manifests.ofType(objects, Deployment.class)) {
            for (Container c : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar env : c.getEnv()) {
                    // a variable that holds one (I2V_GATEWAY_OPERATORS_TOKENS_0_NAME names an operator: not secret)
                    if (env.getName().matches(".*(TOKEN|KEY|PASSWORD|SECRET)")) {
                        assertThat(env.getValue()).as(name(deployment) + " " + env.getName()).isNull();
                        assertThat(env.getValueFrom().getSecretKeyRef()).as(env.getName()).isNotNull();
                    }
                }
            }
        }
        List<Secret> secrets = Manifests.ofType(objects, Secret.class);
        if (overlay.equals("production")) {
            assertThat(secrets).as("production secrets come from the secret manager").isEmpty();
        } else {
            assertThat(secrets).allSatisfy(s -> assertThat(s.getData().values().stream()
                    .map(v -> new String(Base64.getDecoder().decode(v))))
                    .allMatch(v -> v.startsWith("dev-only-")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyTopicTheCodeUsesIsAKafkaTopicWithItsPartitions(String overlay) throws Exception {
        Map<String, Object> partitions = Manifests.ofKind(Manifests.render(overlay), "KafkaTopic").stream()
                .map(GenericKubernetesResource.class::cast)
                .collect(Collectors.toMap(t -> (String) spec(t).get("topicName"), t -> spec(t).get("partitions")));

        for (Topics.TopicSpec topic : Topics.ALL) {
            assertThat(partitions).as(topic.name()).containsEntry(topic.name(), topic.partitions());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void onlyTheGatewayIsExposedAndTheInternalApisOnlyToIt(String overlay) throws Exception {
        List<HasMetadata> objects = Manifests.render(overlay);

        Set<String> backends = Manifests.ofType(objects, Ingress.class).stream()
                .flatMap(i -> i.getSpec().getRules().stream()).flatMap(r -> r.getHttp().getPaths().stream())
                .map(p -> p.getBackend().getService().getName()).collect(Collectors.toSet());
        assertThat(backends).containsExactly("gateway-service");
        for (String internal : List.of("credits-service", "job-service")) {
            NetworkPolicy policy = Manifests.ofType(objects, NetworkPolicy.class).stream()
                    .filter(p -> internal.equals(p.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/name")))
                    .findFirst().orElseThrow(() -> new AssertionError("no NetworkPolicy for " + internal));
            assertThat(policy.getSpec().getIngress()).allSatisfy(rule -> assertThat(rule.getFrom()).isNotEmpty());
            assertThat(policy.getSpec().getIngress().get(0).getFrom()).anySatisfy(peer -> assertThat(
                    peer.getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "gateway-service"));
        }
        GenericKubernetesResource scaler = (GenericKubernetesResource) Manifests.ofKind(objects, "ScaledObject").get(0);
        assertThat(((Map<?, ?>) spec(scaler).get("scaleTargetRef")).get("name")).isEqualTo("worker-service");
        List<?> triggers = (List<?>) spec(scaler).get("triggers");
        assertThat(triggers).as("the scheduler's demand, counted once for all job-service replicas, relaxed left out")
                .singleElement().satisfies(trigger -> assertThat(((Map<?, ?>) ((Map<?, ?>) trigger).get("metadata"))
                        .get("query").toString()).contains("max by (lane) (i2v_jobs_demand").doesNotContain("relaxed"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    private String name(HasMetadata object) {
        return object.getMetadata().getName();
    }
}
