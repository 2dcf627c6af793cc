package dev.fsc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.common.manifest.SparkJvm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

/** What the shaded jar must contain for Spark, Iceberg and log4j to work from one file. */
class RunnerJarIT {

    @Test
    void manifestStartsTheRunnerWithSparksModuleOpens() throws IOException {
        try (JarFile jar = new JarFile(RunnerProcess.JAR.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals(SparkJvm.MAIN_CLASS, main.getValue("Main-Class"));
            assertEquals("true", main.getValue("Multi-Release"));
            List<String> opens = SparkJvm.OPTIONS.stream()
                    .filter(o -> o.startsWith("--add-opens="))
                    .map(o -> o.substring("--add-opens=".length(), o.lastIndexOf('=')))
                    .toList();
            assertEquals(opens, Arrays.asList(main.getValue("Add-Opens").split(" ")),
                    "runtime-spark/pom.xml's Add-Opens must list SparkJvm.OPTIONS' --add-opens");
        }
    }

    @Test
    void serviceFilesAreMergedNotOverwritten() throws IOException {
        String sources = entry("META-INF/services/org.apache.spark.sql.sources.DataSourceRegister");
        for (String source : List.of("org.apache.iceberg.spark.source.IcebergSource",
                "org.apache.spark.sql.execution.datasources.v2.parquet.ParquetDataSourceV2",
                "org.apache.spark.sql.execution.datasources.noop.NoopDataSource")) {
            assertTrue(sources.contains(source), source + " missing from the merged services file:\n" + sources);
        }
        String fileSystems = entry("META-INF/services/org.apache.hadoop.fs.FileSystem");
        assertTrue(fileSystems.contains("org.apache.hadoop.fs.LocalFileSystem"), fileSystems);
    }

    @Test
    void keepsLog4jCorePluginsAndNoSignatures() throws IOException {
        String plugins = entry("META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat");
        assertTrue(plugins.contains("org.apache.logging.log4j.core.appender.FileAppender"), "log4j-core's plugin index");
        try (JarFile jar = new JarFile(RunnerProcess.JAR.toFile())) {
            assertTrue(jar.stream().map(ZipEntry::getName).noneMatch(n -> n.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)")),
                    "signature files of the merged jars must be dropped");
        }
    }

    private static String entry(String name) throws IOException {
        try (JarFile jar = new JarFile(RunnerProcess.JAR.toFile())) {
            ZipEntry e = jar.getEntry(name);
            assertNotNull(e, name + " missing from " + RunnerProcess.JAR);
            try (InputStream in = jar.getInputStream(e)) {
                return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
        }
    }
}
