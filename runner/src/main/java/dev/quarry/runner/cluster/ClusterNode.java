package dev.quarry.runner.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One member of a Quarry cluster: a Hazelcast member (TCP-IP join with an explicit member list,
 * multicast and auto-detection off, bound to one address) and a clustered Vert.x over it. Started
 * by the coordinator (on its configured port) and by each worker (on the next free port above it).
 *
 * @param vertx the clustered Vert.x
 * @param hazelcast the Hazelcast member under it
 */
public record ClusterNode(Vertx vertx, HazelcastInstance hazelcast) implements AutoCloseable {

    /** The Hazelcast cluster name, so that Quarry never joins an unrelated cluster on the same hosts. */
    static final String CLUSTER_NAME = "quarry";
    private static final long START_SECONDS = 60;
    /** The member attribute Vert.x's Hazelcast cluster manager reads its node id from. */
    static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";

    /**
     * @param bindHost the address to bind and advertise, e.g. {@code 127.0.0.1}
     * @param port the Hazelcast port; if taken and {@code autoIncrement}, the next free one
     * @param autoIncrement whether to try the following ports
     * @param members {@code host:port} of the members to join (the coordinator); may include this one
     * @return the started node
     * @throws IllegalStateException if it cannot start within a minute
     */
    public static ClusterNode start(String bindHost, int port, boolean autoIncrement, List<String> members) {
        if (System.getProperty("hazelcast.logging.type") == null) {
            // Hazelcast logs its start-up (and a warning about module access) before it reads its config.
            System.setProperty("hazelcast.logging.type", "none");
        }
        Config config = ConfigUtil.loadConfig();
        String nodeId = UUID.randomUUID().toString();
        // A Hazelcast instance handed to Vert.x must carry Vert.x's node id as a member attribute.
        config.getMemberAttributeConfig().setAttribute(NODE_ID_ATTRIBUTE, nodeId);
        config.setClusterName(CLUSTER_NAME);
        config.setProperty("hazelcast.logging.type", "none");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        // Fast failure detection: a killed worker is noticed in seconds, not Hazelcast's default minute.
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(autoIncrement).setPortCount(100);
        config.getNetworkConfig().getInterfaces().setEnabled(true).setInterfaces(List.of(bindHost));
        config.getNetworkConfig().setPublicAddress(null);
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(List.copyOf(members));
        HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(config);
        try {
            var options = new VertxOptions().setEventBusOptions(new EventBusOptions().setHost(bindHost).setPort(0));
            Vertx vertx = Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(hazelcast))
                    .buildClustered().toCompletionStage().toCompletableFuture().get(START_SECONDS, TimeUnit.SECONDS);
            return new ClusterNode(vertx, hazelcast);
        } catch (Exception e) {
            hazelcast.shutdown();
            throw new IllegalStateException("cannot start a clustered Vert.x on " + bindHost + ":" + port + ": " + e, e);
        }
    }

    /** @return this member's Vert.x node id */
    public String nodeId() {
        return nodeId(hazelcast.getCluster().getLocalMember());
    }

    /**
     * @param member a cluster member
     * @return its Vert.x node id
     */
    static String nodeId(com.hazelcast.cluster.Member member) {
        return member.getAttribute(NODE_ID_ATTRIBUTE);
    }

    /** @return {@code host:port} of this member's Hazelcast endpoint */
    public String address() {
        var a = hazelcast.getCluster().getLocalMember().getAddress();
        return a.getHost() + ":" + a.getPort();
    }

    /** Leaves the cluster: closes Vert.x (which leaves through its cluster manager) and the member. */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("quarry: closing the cluster node: " + e);
        }
        if (hazelcast.getLifecycleService().isRunning()) {
            hazelcast.shutdown();
        }
    }
}
