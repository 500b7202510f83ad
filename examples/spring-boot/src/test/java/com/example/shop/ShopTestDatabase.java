package com.example.shop;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A fresh SQLite file in a temporary folder for a test class (removed when the JVM ends), with the URL options of application.properties. */
final class ShopTestDatabase {

    private ShopTestDatabase() {
    }

    static void register(DynamicPropertyRegistry registry, String name) {
        Path folder;
        try {
            folder = Files.createTempDirectory("shop-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder)));
        registry.add("spring.datasource.url", () -> "jdbc:sqlite:" + folder.resolve("shop.db")
                + "?journal_mode=WAL&busy_timeout=10000&transaction_mode=IMMEDIATE");
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a temporary folder; the system cleans it up eventually
        }
    }
}
