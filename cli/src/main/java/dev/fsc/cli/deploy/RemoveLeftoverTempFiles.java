package dev.fsc.cli.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes the temporary files a killed deploy left beside the files it was replacing ({@code .<name>…tmp}, see
 * {@link LocalStateStore#replace}). Nobody reads them — the scheduler parses {@code .py} files only — but the DAG
 * folder and the artifact store should hold nothing but whole files. Safe under the deploy lock: no other
 * deploy is writing.
 */
record RemoveLeftoverTempFiles(List<Path> folders) implements DeployAction {
    @Override
    public String describe() {
        return "remove temporary files an interrupted deploy left in " + String.join(", ", folders.stream().map(Path::toString).toList());
    }

    @Override
    public boolean isApplied() throws IOException {
        return leftovers().isEmpty();
    }

    @Override
    public void apply() throws IOException {
        for (Path file : leftovers()) {
            Files.deleteIfExists(file);
        }
    }

    private List<Path> leftovers() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path folder : folders) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    files.filter(RemoveLeftoverTempFiles::isTemporary).forEach(out::add);
                }
            }
        }
        return out;
    }

    private static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(file);
    }
}
