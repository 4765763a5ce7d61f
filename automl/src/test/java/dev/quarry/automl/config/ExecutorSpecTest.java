package dev.quarry.automl.config;

import static dev.quarry.automl.config.ConfigFixtures.MINIMAL;
import static dev.quarry.automl.config.ConfigFixtures.yaml;
import static dev.quarry.automl.config.ConfigFixtures.yamlError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutorSpecTest {

    @Test
    void processDefaultsAreOneWorkerPerCoreWithAGigabyteHeapAndThreeAttempts() {
        var spec = (ProcessExecutorSpec) yaml(MINIMAL + "executor: {type: process}\n", Path.of("/base")).executor();
        assertEquals(Runtime.getRuntime().availableProcessors(), spec.workers());
        assertEquals("1g", spec.workerHeap());
        assertEquals(List.of(), spec.jvmOptions());
        assertEquals(3, spec.maxAttempts());
    }

    @Test
    void processSpecRoundTripsThroughJson() {
        var config = yaml(MINIMAL + "executor: {type: process, workers: 3, workerHeap: 512m, jvmOptions: [-Dx=1], "
                + "maxAttempts: 2}\n", Path.of("/base"));
        var again = ConfigLoader.parse(ConfigLoader.toJson(config), ConfigLoader.Format.JSON, Path.of("/base"), "x.json");
        assertEquals(config.executor(), again.executor());
        assertEquals(new ProcessExecutorSpec(3, "512m", List.of("-Dx=1"), 2), again.executor());
    }

    @Test
    void badProcessValuesNameTheirKey() {
        assertEquals("exp.yaml: $.executor.workers: `workers` must be in [1, 256], got 0",
                yamlError(MINIMAL + "executor: {type: process, workers: 0}\n").getMessage());
        assertEquals("exp.yaml: $.executor.workerHeap: `workerHeap` must be a size such as 512m or 2g, got \"lots\"",
                yamlError(MINIMAL + "executor: {type: process, workerHeap: lots}\n").getMessage());
        assertEquals("exp.yaml: $.executor.jvmOptions: every JVM option must start with '-', got \"Xmx1g\" at index 0",
                yamlError(MINIMAL + "executor: {type: process, jvmOptions: [Xmx1g]}\n").getMessage());
        assertEquals("exp.yaml: $.executor.maxAttempts: `maxAttempts` must be in [1, 10], got 11",
                yamlError(MINIMAL + "executor: {type: process, maxAttempts: 11}\n").getMessage());
    }

    @Test
    void anUnknownProcessKeyIsNamedWithItsPath() {
        String message = yamlError(MINIMAL + "executor: {type: process, wrokers: 2}\n").getMessage();
        assertEquals("exp.yaml: $.executor.wrokers: unknown key 'wrokers'; did you mean workers? valid keys at "
                + "$.executor: jvmOptions, maxAttempts, type, workerHeap, workers", message);
    }

    @Test
    void clusterDefaultsJoinOnLoopbackPort5701() {
        var spec = (ClusterExecutorSpec) yaml(MINIMAL + "executor: {type: cluster}\n", Path.of("/base")).executor();
        assertEquals(new ClusterExecutorSpec("127.0.0.1", 5701, 3, java.time.Duration.ofSeconds(5)), spec);
        assertEquals("127.0.0.1:5701", spec.joinAddress());
    }

    @Test
    void badClusterValuesNameTheirKey() {
        assertEquals("exp.yaml: $.executor.port: `port` must be in [1024, 65535], got 80",
                yamlError(MINIMAL + "executor: {type: cluster, port: 80}\n").getMessage());
        assertEquals("exp.yaml: $.executor.heartbeatTimeout: `heartbeatTimeout` must be in [1s, 10m], got PT0.5S",
                yamlError(MINIMAL + "executor: {type: cluster, heartbeatTimeout: 500ms}\n").getMessage());
    }
}
