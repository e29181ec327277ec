package dev.i2v.bench.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    private static final String BEFORE = """
            "C2 CompilerThread0" #18 [4242] daemon prio=9 os_prio=0 cpu=1200.50ms elapsed=30.1s tid=0x1 nid=4242 waiting on condition
            "VM Thread" os_prio=0 cpu=80.00ms elapsed=30.2s tid=0x2 nid=4200 runnable
            "ForkJoinPool-1-worker-1" #40 [4300] daemon prio=5 os_prio=0 cpu=500.00ms elapsed=29.0s tid=0x3 nid=4300 waiting
            "kafka-producer-network-thread | producer-1" #55 [4310] daemon prio=5 os_prio=0 cpu=70.25ms elapsed=28.0s tid=0x4 nid=4310 runnable
            """;
    private static final String AFTER = """
            "C2 CompilerThread0" #18 [4242] daemon prio=9 os_prio=0 cpu=1300.50ms elapsed=60.1s tid=0x1 nid=4242 waiting on condition
            "ForkJoinPool-1-worker-1" #40 [4300] daemon prio=5 os_prio=0 cpu=740.00ms elapsed=59.0s tid=0x3 nid=4300 waiting
            "ForkJoinPool-1-worker-2" #61 [4320] daemon prio=5 os_prio=0 cpu=60.00ms elapsed=20.0s tid=0x5 nid=4320 waiting
            "kafka-producer-network-thread | producer-1" #55 [4310] daemon prio=5 os_prio=0 cpu=90.25ms elapsed=58.0s tid=0x4 nid=4310 runnable
            "VM Thread" os_prio=0 cpu=80.00ms elapsed=60.2s tid=0x2 nid=4200 runnable
            "main" #1 [4199] prio=5 os_prio=0 cpu=900.00ms elapsed=60.5s tid=0x6 nid=4199 waiting
            """;

    @Test
    void groupsTheCpuEachThreadUsedBetweenTwoDumps() {
        Map<String, Double> used = ThreadCpu.byGroup(ThreadCpu.parse(BEFORE), ThreadCpu.parse(AFTER));

        assertThat(used).containsOnly(
                Map.entry("JIT compilers", 100.0),
                Map.entry("collector and safepoints", 0.0), // the VM Thread, whose dump line has no #id
                Map.entry("virtual-thread carriers", 300.0), // one carrier's 240 and a new one's 60
                Map.entry("Kafka clients", 20.0),
                Map.entry("other", 900.0)); // a thread missing from the first dump counts whole
    }

    @Test
    void groupsByWhatTheThreadsDo() {
        assertThat(ThreadCpu.group("kafka-producer-network-thread | producer-1 #92")).isEqualTo("Kafka clients");
        assertThat(ThreadCpu.group("GC Thread#0")).isEqualTo("collector and safepoints");
        assertThat(ThreadCpu.group("C1 CompilerThread0 #19")).isEqualTo("JIT compilers");
        assertThat(ThreadCpu.group("http-nio-8081-Poller #44")).isEqualTo("Tomcat acceptor and poller");
    }

    @Test
    void keysThreadsByNameAndIdAndTheJvmsOwnByName() {
        assertThat(ThreadCpu.parse(BEFORE)).containsOnlyKeys("C2 CompilerThread0 #18", "VM Thread",
                "ForkJoinPool-1-worker-1 #40", "kafka-producer-network-thread | producer-1 #55");
    }
}
