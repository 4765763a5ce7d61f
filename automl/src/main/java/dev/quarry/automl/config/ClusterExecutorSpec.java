package dev.quarry.automl.config;

import java.time.Duration;

/**
 * {@code type: cluster}: trials on workers that join this coordinator's Vert.x cluster (Hazelcast,
 * TCP-IP join, no multicast) with {@code quarry worker --join <bindHost>:<port>}, on this machine or
 * others; each advertises its cores and trials go to the one with the most free. The dataset travels
 * once per worker, by content hash, and is cached there.
 *
 * @param bindHost the address the coordinator binds and workers join; default {@code 127.0.0.1}
 * @param port the coordinator's Hazelcast port, in [1024, 65535]; default 5701 (workers take the next free ones)
 * @param maxAttempts how many times a trial is tried when its worker is lost, in [1, 10]; default 3
 * @param heartbeatTimeout silence after which a worker is lost, in [1s, 10m]; default 5s (workers beat each second)
 */
public record ClusterExecutorSpec(String bindHost, Integer port, Integer maxAttempts, Duration heartbeatTimeout)
        implements ExecutorSpec {

    /** Applies the defaults and validates. */
    public ClusterExecutorSpec {
        bindHost = bindHost == null ? "127.0.0.1" : bindHost;
        port = port == null ? 5701 : port;
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        heartbeatTimeout = heartbeatTimeout == null ? Duration.ofSeconds(5) : heartbeatTimeout;
        if (bindHost.isBlank()) {
            throw new InvalidValueException("bindHost", "`bindHost` must be an address such as 127.0.0.1, got \"\"");
        }
        if (port < 1024 || port > 65535) {
            throw new InvalidValueException("port", "`port` must be in [1024, 65535], got " + port);
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new InvalidValueException("maxAttempts", "`maxAttempts` must be in [1, 10], got " + maxAttempts);
        }
        if (heartbeatTimeout.compareTo(Duration.ofSeconds(1)) < 0 || heartbeatTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new InvalidValueException("heartbeatTimeout", "`heartbeatTimeout` must be in [1s, 10m], got "
                    + heartbeatTimeout);
        }
    }

    /** @return what workers pass to {@code --join} */
    public String joinAddress() {
        return bindHost + ":" + port;
    }
}
