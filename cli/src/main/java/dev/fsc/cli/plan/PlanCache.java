package dev.fsc.cli.plan;

import dev.fsc.compiler.plan.ModelToPlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Plans of past git trees, in {@code .fsc/cache/plans/}: a git tree hash names its content exactly,
 * and the compiler jar's hash names the code that planned it, so an entry can never be stale.
 */
final class PlanCache {
    private static final Optional<String> COMPILER_BUILD = compilerBuild();

    private PlanCache() {
    }

    /** Where the plan of this tree would be cached; empty when fsc runs from classes (no jar to identify it). */
    static Optional<Path> file(Path projectRoot, String treeHash) {
        return COMPILER_BUILD.map(build -> projectRoot.resolve(".fsc").resolve("cache").resolve("plans")
                .resolve(treeHash + "-" + build + ".json"));
    }

    static void store(Path file, String json) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), ".plan-", ".tmp");
        Files.writeString(partial, json, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Optional<String> compilerBuild() {
        try {
            Path jar = Path.of(ModelToPlan.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                return Optional.empty();
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(jar), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return Optional.of(HexFormat.of().formatHex(digest.digest(), 0, 6));
        } catch (IOException | NoSuchAlgorithmException | java.net.URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}
