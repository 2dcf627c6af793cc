package dev.fsc.golden;

import java.io.File;
import java.nio.file.Path;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.namer.ApprovalNamer;
import org.approvaltests.reporters.QuietReporter;

/**
 * Pins a text as {@code src/test/resources/<folder>/<case>/<name>.approved.txt}: one folder per case,
 * as in rustc's UI tests. A mismatch leaves {@code .received.txt} beside it to review and copy over.
 */
final class GoldenFile {
    static final Path RESOURCES = Path.of("src", "test", "resources").toAbsolutePath();

    private GoldenFile() {
    }

    static void verify(String text, String folder, String caseName, String name) {
        verify(text, folder, caseName, name, ".txt");
    }

    static void verify(String text, String folder, String caseName, String name, String extension) {
        Path base = RESOURCES.resolve(folder).resolve(caseName);
        Approvals.verify(text, new Options(new QuietReporter()).forFile().withNamer(new CaseNamer(base, name))
                .forFile().withExtension(extension));
    }

    private record CaseNamer(Path folder, String name) implements ApprovalNamer {
        @Override
        public File getApprovedFile(String extensionWithDot) {
            return folder.resolve(name + ".approved" + extensionWithDot).toFile();
        }

        @Override
        public File getReceivedFile(String extensionWithDot) {
            return folder.resolve(name + ".received" + extensionWithDot).toFile();
        }

        @Override
        public ApprovalNamer addAdditionalInformation(String info) {
            return this;
        }

        @Override
        public String getAdditionalInformation() {
            return "";
        }

        @Override
        public String getApprovalName() {
            return name;
        }

        @Override
        public String getSourceFilePath() {
            return folder.toString() + File.separator;
        }
    }
}
