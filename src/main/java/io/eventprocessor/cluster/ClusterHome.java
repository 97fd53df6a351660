package io.eventprocessor.cluster;

import java.nio.file.Path;

/**
 * Where a cluster keeps its files, under the state directory ({@code $EVENT_PROCESSOR_HOME}): {@code cluster.env} (what a
 * shell sources to use it) beside the directory {@code cluster/}, which holds the ports it chose, the application it
 * runs, the processes' configuration, data, logs and pid files. Everything in {@code cluster/} is the cluster's own: a
 * process is recognised as one of its parts by naming this directory on its command line.
 */
public record ClusterHome(Path home) {
    public static final String ENV_FILE = "cluster.env";

    public ClusterHome {
        home = home.toAbsolutePath().normalize();
    }

    public Path envFile() {
        return home.resolve(ENV_FILE);
    }

    public Path root() {
        return home.resolve("cluster");
    }

    public Path portsFile() {
        return root().resolve("ports.properties");
    }

    /** The application the processes run from: a copy, so that rebuilding the project does not pull it from under them. */
    public Path app() {
        return root().resolve("app");
    }

    public Path conf() {
        return root().resolve("conf");
    }

    public Path data() {
        return root().resolve("data");
    }

    public Path logs() {
        return root().resolve("logs");
    }

    public Path log(String node) {
        return logs().resolve(node + ".log");
    }

    public Path pidFile(String node) {
        return root().resolve("run").resolve(node + ".pid");
    }
}
