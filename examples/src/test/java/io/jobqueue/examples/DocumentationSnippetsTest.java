package io.jobqueue.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```java} block of {@code README.md} and {@code docs/*.md} compiles as it stands
 * against every JobQueue module: a reader copies a snippet as is, so each one is a whole source file
 * with its imports. A block compiles on its own, except that the blocks of one page that declare the
 * same package compile together, as the files of one program. One test per block (or such group),
 * named after its file and line.
 */
class DocumentationSnippetsTest {

    /** The repository: the parent of this module's folder (Maven runs tests in the module's folder). */
    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path REPOSITORY = MODULE.getParent();

    @TestFactory
    Stream<DynamicTest> everyJavaBlockOfTheDocumentationCompiles() throws IOException {
        Map<String, List<JavaSnippet>> programs = new LinkedHashMap<>();
        for (Path markdown : markdownFiles()) {
            String name = REPOSITORY.relativize(markdown).toString().replace(File.separatorChar, '/');
            for (JavaSnippet snippet : JavaSnippet.extract(markdown, name)) {
                String program = snippet.packageName().map(p -> name + " package " + p).orElse(snippet.location());
                programs.computeIfAbsent(program, key -> new ArrayList<>()).add(snippet);
            }
        }
        assertFalse(programs.isEmpty(), "no ```java block found in " + REPOSITORY.resolve("README.md") + " or " + REPOSITORY.resolve("docs"));
        SnippetCompiler compiler = new SnippetCompiler(SnippetCompiler.testClassPath(), MODULE.resolve("target").resolve("snippets"));
        return programs.values().stream().map(snippets -> DynamicTest.dynamicTest(displayName(snippets), () -> {
            int required = snippets.stream().mapToInt(JavaSnippet::requiredJava).max().orElseThrow();
            int running = Runtime.version().feature();
            List<String> errors;
            if (running >= required) {
                errors = compiler.compile(snippets);
            } else {
                Optional<NewerJdk> newer = NewerJdk.atLeast(required);
                assumeTrue(newer.isPresent(), displayName(snippets) + " needs Java " + required + ", this is Java " + running
                        + " and no JDK " + required + "+ was found in $JOBQUEUE_NEWER_JDK or /usr/lib/jvm");
                errors = compiler.compileWith(newer.get(), required, snippets);
            }
            if (!errors.isEmpty()) {
                fail("the ```java block at " + displayName(snippets) + " does not compile as it stands (a reader copies it as is:"
                        + " show its imports and put statements in a class):\n" + String.join("\n", errors));
            }
        }));
    }

    /** {@code docs/defer.md:17}, or {@code README.md:73, 102 (package com.example)} for blocks that compile together. */
    private static String displayName(List<JavaSnippet> snippets) {
        if (snippets.size() == 1) {
            return snippets.get(0).location();
        }
        return snippets.get(0).file() + ":" + snippets.stream().map(s -> String.valueOf(s.fenceLine())).collect(Collectors.joining(", "))
                + " (package " + snippets.get(0).packageName().orElseThrow() + ")";
    }

    /** {@code README.md} and every {@code docs/*.md}, in name order. */
    private static List<Path> markdownFiles() throws IOException {
        Path readme = REPOSITORY.resolve("README.md");
        Path docs = REPOSITORY.resolve("docs");
        assertTrue(Files.isRegularFile(readme), "no README.md at " + readme);
        assertTrue(Files.isDirectory(docs), "no docs folder at " + docs);
        List<Path> files = new ArrayList<>(List.of(readme));
        try (Stream<Path> pages = Files.list(docs)) {
            pages.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }
}
