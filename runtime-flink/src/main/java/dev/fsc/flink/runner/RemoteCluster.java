package dev.fsc.flink.runner;

import org.apache.flink.configuration.Configuration;

import java.net.URI;
import java.net.URISyntaxException;

/** Submission to a running Flink cluster through its REST endpoint, shipping this jar with the job. */
final class RemoteCluster {
    private RemoteCluster() {
    }

    static void configure(Configuration conf, String restUrl) {
        URI uri = URI.create(restUrl);
        conf.setString("execution.target", "remote");
        conf.setString("rest.address", uri.getHost());
        conf.setString("rest.port", Integer.toString(uri.getPort() > 0 ? uri.getPort() : 8081));
        try {
            // The functions and the fsc-online connector live in this jar: the cluster needs it too.
            conf.setString("pipeline.jars", RemoteCluster.class.getProtectionDomain().getCodeSource().getLocation().toURI().toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
