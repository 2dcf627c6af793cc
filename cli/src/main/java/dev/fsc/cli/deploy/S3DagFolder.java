package dev.fsc.cli.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** A DAG folder on S3 (MWAA reads its DAGs from a bucket); a PUT replaces an object whole. */
record S3DagFolder(S3Objects objects) implements DagFolder {
    @Override
    public Optional<String> read(String name) throws IOException {
        return objects.get(name).map(S3Objects.Stored::content);
    }

    @Override
    public void write(String name, String content) throws IOException {
        objects.put(name, content);
    }

    @Override
    public void delete(String name) throws IOException {
        objects.delete(name);
    }

    @Override
    public String location(String name) {
        return objects.uri(name);
    }

    @Override
    public Optional<Path> localPath() {
        return Optional.empty();
    }
}
