package io.jobqueue.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippet check itself: blocks are found where they are, and a broken one is reported, not passed. */
class SnippetCompilerTest {

    @TempDir
    Path folder;

    @Test
    void extract_findsIndentedBlocksWithTheirLinesAndRequiredJava() throws IOException {
        Path page = folder.resolve("page.md");
        Files.writeString(page, "# Page\n\n```java\nclass A { }\n```\n\n- item\n\n  ```java requires-java=21\n  class B { }\n  ```\n\n```sh\nls\n```\n");

        List<JavaSnippet> snippets = JavaSnippet.extract(page, "docs/page.md");

        assertEquals(List.of(new JavaSnippet("docs/page.md", 3, "class A { }\n", 17),
                new JavaSnippet("docs/page.md", 9, "class B { }\n", 21)), snippets);
    }

    @Test
    void compile_brokenBlock_reportsTheMarkdownFileLineAndTheCompilerMessage() throws IOException {
        JavaSnippet broken = new JavaSnippet("docs/page.md", 40, "import io.jobqueue.Job;\n\nclass A {\n    Mailer mailer;\n}\n", 17);

        List<String> errors = new SnippetCompiler(SnippetCompiler.testClassPath(), folder).compile(broken);

        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("docs/page.md:44 (line 4 of the block at line 40): cannot find symbol"), errors.get(0));
    }

    @Test
    void compile_completeBlock_namedAfterItsPublicType_compiles() throws IOException {
        JavaSnippet complete = new JavaSnippet("README.md", 1,
                "import io.jobqueue.Job;\nimport io.jobqueue.Message;\nimport io.jobqueue.Queue;\n\n"
                        + "public class NoopJob implements Job {\n    public boolean execute(Queue queue, Message message) { return true; }\n}\n", 17);

        assertEquals(List.of(), new SnippetCompiler(SnippetCompiler.testClassPath(), folder).compile(complete));
    }

    @Test
    void compile_blocksOfOnePackage_seeEachOther() throws IOException {
        JavaSnippet job = new JavaSnippet("README.md", 10, "package com.example;\n\npublic record Greeting(String name) { }\n", 17);
        JavaSnippet app = new JavaSnippet("README.md", 20,
                "package com.example;\n\npublic class App {\n    Greeting greeting = new Greeting(\"Ada\");\n}\n", 17);

        assertEquals(List.of(), new SnippetCompiler(SnippetCompiler.testClassPath(), folder).compile(List.of(job, app)));
    }
}
