package dev.fsc.cli.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The folder Airflow's scheduler reads DAG files from: a local path, or an S3 prefix (MWAA). A write is seen
 * whole or not at all — the scheduler parses the folder at any moment.
 */
public interface DagFolder {
    Optional<String> read(String name) throws IOException;

    void write(String name, String content) throws IOException;

    void delete(String name) throws IOException;

    /** Where a file of it lives, for messages. */
    String location(String name);

    /** The folder on this machine's disk, if it is one (where a killed deploy can leave temporary files). */
    Optional<Path> localPath();

    static DagFolder of(String configured, Path projectRoot) throws S3Objects.UnreachableException {
        return S3Objects.isS3(configured) ? new S3DagFolder(S3Objects.open(configured))
                : new LocalDagFolder(projectRoot.resolve(configured).normalize());
    }
}
