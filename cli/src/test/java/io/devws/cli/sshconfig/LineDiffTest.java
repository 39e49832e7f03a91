package io.devws.cli.sshconfig;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineDiffTest {
    @Test
    void equalTextsHaveNoDiff() {
        assertThat(LineDiff.unified("f", "a\nb\n", "a\nb\n")).isEmpty();
    }

    @Test
    void insertionAtTheTopShowsContext() {
        assertThat(LineDiff.unified("f", "a\nb\nc\nd\ne\n", "x\na\nb\nc\nd\ne\n")).isEqualTo("""
                --- f
                +++ f (devws)
                @@ -1,3 +1,4 @@
                +x
                 a
                 b
                 c
                """);
    }

    @Test
    void newFileIsAllAdditions() {
        assertThat(LineDiff.unified("f", "", "a\nb\n")).isEqualTo("--- f\n+++ f (devws)\n@@ -0,0 +1,2 @@\n+a\n+b\n");
    }

    @Test
    void changeInTheMiddle() {
        assertThat(LineDiff.unified("f", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nX\n6\n7\n8\n9\n")).isEqualTo("""
                --- f
                +++ f (devws)
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +X
                 6
                 7
                 8
                """);
    }
}
