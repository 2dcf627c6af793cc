package dev.fsc.flink.it;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real Kafka broker (KRaft, in-process, one combined node) for the ITs and the benchmark. */
public final class Brokers {
    private Brokers() {
    }

    public static KafkaClusterTestKit start() throws Exception {
        KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                // The events carry fixed historic timestamps (their arrival times): with the default 7-day
                // retention the broker would delete them as soon as its retention check runs.
                .setConfigProp("log.retention.ms", "-1")
                // one broker: the internal topics (committed group offsets) need a replication factor of 1
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        return kafka;
    }
}
