package io.jobqueue.examples;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles {@link JavaSnippet}s with {@code javax.tools}, each call into its own output folder, so
 * blocks of different pages may declare the same class names. Errors come back with the Markdown
 * file and line.
 */
final class SnippetCompiler {

    private final String classPath;
    private final Path outputRoot;
    private final JavaCompiler compiler;

    /**
     * @param classPath  what snippets compile against (the test class path: every JobQueue module)
     * @param outputRoot the folder that gets one subfolder of class files per call
     */
    SnippetCompiler(String classPath, Path outputRoot) {
        this.classPath = classPath;
        this.outputRoot = outputRoot;
        this.compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in this runtime (" + System.getProperty("java.home") + "); run the tests on a JDK");
        }
    }

    /** The class path of this test JVM, which holds every JobQueue module the examples module depends on. */
    static String testClassPath() {
        // surefire may start the test JVM through a manifest-only jar; it passes the real class path here
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /**
     * Compiles the snippets together, as the files of one program (usually one snippet).
     *
     * @return the compiler's errors, each as {@code docs/defer.md:23 (line 6 of the block at line 17): message};
     *         empty when they compiled
     */
    List<String> compile(List<JavaSnippet> snippets) throws IOException {
        JavaSnippet first = snippets.get(0);
        Path output = outputRoot.resolve(first.file().replaceAll("[^A-Za-z0-9]", "_") + "_" + first.fenceLine());
        Files.createDirectories(output);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-classpath", classPath, "-d", output.toString(), "-proc:none", "-implicit:none");
        List<Source> sources = snippets.stream().map(Source::new).toList();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            boolean compiled = compiler.getTask(null, files, diagnostics, options, null, sources).call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    errors.add(describe(d.getSource() instanceof Source source ? source.snippet : first, d));
                }
            }
            if (!compiled && errors.isEmpty()) {
                errors.add(first.location() + ": javac failed without an error message");
            }
            return errors;
        }
    }

    /**
     * Compiles the snippets together with another JDK's {@code javac} at {@code --release feature}
     * (for blocks that need a newer Java than the one running the tests); returns javac's error
     * lines, each after the location of the first block.
     */
    List<String> compileWith(NewerJdk jdk, int feature, List<JavaSnippet> snippets) throws IOException, InterruptedException {
        JavaSnippet first = snippets.get(0);
        Path output = outputRoot.resolve(first.file().replaceAll("[^A-Za-z0-9]", "_") + "_" + first.fenceLine());
        Path sourceRoot = output.resolve("src");
        List<Path> files = new ArrayList<>();
        for (JavaSnippet snippet : snippets) {
            Path file = sourceRoot.resolve(snippet.sourcePath());
            Files.createDirectories(file.getParent());
            Files.writeString(file, snippet.code());
            files.add(file);
        }
        return jdk.compile(feature, classPath, output, files).stream()
                .map(line -> first.location() + " (javac of " + jdk.home() + "): " + line).toList();
    }

    /** Compiles one snippet on its own. */
    List<String> compile(JavaSnippet snippet) throws IOException {
        return compile(List.of(snippet));
    }

    private static String describe(JavaSnippet snippet, Diagnostic<? extends JavaFileObject> d) {
        String message = d.getMessage(Locale.ROOT);
        if (d.getLineNumber() == Diagnostic.NOPOS) {
            return snippet.location() + ": " + message;
        }
        return snippet.file() + ":" + snippet.fileLine(d.getLineNumber()) + " (line " + d.getLineNumber()
                + " of the block at line " + snippet.fenceLine() + "): " + message;
    }

    /** A snippet's code as a source file at the path its package and public type ask for. */
    private static final class Source extends SimpleJavaFileObject {
        private final JavaSnippet snippet;

        Source(JavaSnippet snippet) {
            super(URI.create("string:///" + snippet.sourcePath()), Kind.SOURCE);
            this.snippet = snippet;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return snippet.code();
        }
    }
}
