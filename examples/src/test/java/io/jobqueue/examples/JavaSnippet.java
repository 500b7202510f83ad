package io.jobqueue.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ```java} block of a Markdown file: where it is and its code, with the fence's
 * indentation removed (blocks inside list items are indented).
 *
 * <p>A block is a whole source file. Blocks of one page that declare the same package are files of
 * one program (a class and the {@code main} that uses it) and compile together; every other block
 * compiles on its own.
 *
 * <p>A block that needs a newer Java than the project's 17 says so in its info string,
 * {@code ```java requires-java=21}: it is compiled only on that Java or newer, and reported as skipped
 * elsewhere. Renderers take the first word, {@code java}, for the highlighting and show nothing else.
 *
 * @param file         the Markdown file, as shown in messages (relative to the repository)
 * @param fenceLine    the line of the opening fence (1-based); the code starts on the next line
 * @param code         the block's code
 * @param requiredJava the Java feature release the block needs to compile
 */
record JavaSnippet(String file, int fenceLine, String code, int requiredJava) {

    /** The project's Java release, which blocks need unless they say otherwise. */
    static final int PROJECT_JAVA = 17;

    private static final Pattern OPENING = Pattern.compile("^(\\s*)```java(?:\\s+requires-java=(\\d+))?\\s*$");
    private static final Pattern CLOSING = Pattern.compile("^\\s*```\\s*$");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)",
            Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    /** Every {@code ```java} block of {@code markdown}, in order; {@code name} is how messages show the file. */
    static List<JavaSnippet> extract(Path markdown, String name) throws IOException {
        List<String> lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
        List<JavaSnippet> snippets = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher opening = OPENING.matcher(lines.get(i));
            if (!opening.matches()) {
                continue;
            }
            int fence = i;
            int indent = opening.group(1).length();
            int required = opening.group(2) != null ? Integer.parseInt(opening.group(2)) : PROJECT_JAVA;
            StringBuilder code = new StringBuilder();
            for (i++; i < lines.size() && !CLOSING.matcher(lines.get(i)).matches(); i++) {
                code.append(unindent(lines.get(i), indent)).append('\n');
            }
            if (i == lines.size()) {
                throw new IllegalStateException(name + ":" + (fence + 1) + ": the ```java block is never closed");
            }
            snippets.add(new JavaSnippet(name, fence + 1, code.toString(), required));
        }
        return snippets;
    }

    /** Where the block is, as {@code docs/defer.md:17}. */
    String location() {
        return file + ":" + fenceLine;
    }

    /** The line of the Markdown file that holds line {@code snippetLine} (1-based) of the code. */
    long fileLine(long snippetLine) {
        return fenceLine + snippetLine;
    }

    /** The package the block declares, if any. */
    Optional<String> packageName() {
        Matcher declaration = PACKAGE.matcher(code);
        return declaration.find() ? Optional.of(declaration.group(1)) : Optional.empty();
    }

    /**
     * The path the source file must have: in its package's folder, named after its public
     * top-level type as javac requires, else {@code Snippet<line>.java}.
     */
    String sourcePath() {
        Matcher type = PUBLIC_TYPE.matcher(code);
        String name = type.find() ? type.group(1) : "Snippet" + fenceLine;
        return packageName().map(p -> p.replace('.', '/') + "/").orElse("") + name + ".java";
    }

    private static String unindent(String line, int indent) {
        int strip = 0;
        while (strip < indent && strip < line.length() && line.charAt(strip) == ' ') {
            strip++;
        }
        return line.substring(strip);
    }
}
