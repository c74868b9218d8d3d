package io.libsql.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README.md's "Use it in your project" snippets are the sample consumer's build files: the Maven
 * snippet's blocks are in consumer/pom.xml (which the invoker builds against this build's
 * artifacts), every line of the Gradle snippet is in consumer/build.gradle.kts, and both name
 * this build's version.
 */
class ReadmeSnippetsTest {
  private static final Path ROOT = Path.of("..");
  private static final String VERSION = System.getProperty("libsql.version");

  @Test
  void mavenSnippetIsTheConsumersPom() throws IOException {
    String snippet = snippet("xml");
    String pom = squeeze(Files.readString(ROOT.resolve("samples/consumer/pom.xml")));
    List<String> blocks = blocks(squeeze(snippet), "dependencyManagement");
    blocks.addAll(blocks(squeeze(snippet).replaceAll("<dependencyManagement>.*</dependencyManagement>", ""), "dependency"));
    assertEquals(4, blocks.size(), snippet);
    for (String block : blocks) {
      assertTrue(pom.contains(block), "not in samples/consumer/pom.xml: " + block);
    }
    assertTrue(snippet.contains("<version>" + VERSION + "</version>"), snippet);
  }

  @Test
  void gradleSnippetIsTheConsumersBuildFile() throws IOException {
    String snippet = snippet("kotlin");
    List<String> build = Files.readAllLines(ROOT.resolve("samples/consumer/build.gradle.kts")).stream()
        .map(String::strip).toList();
    List<String> lines = snippet.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    assertFalse(lines.isEmpty());
    for (String line : lines) {
      assertTrue(build.contains(line), "not in samples/consumer/build.gradle.kts: " + line);
    }
    assertTrue(snippet.contains("platform(\"io.libsql:libsql-bom:" + VERSION + "\")"), snippet);
  }

  @Test
  void installCommandIsShown() throws IOException {
    assertTrue(section().contains("```sh\nmvn -B -ntp install -DskipTests\n```"), section());
  }

  /** The README's section "Use it in your project", up to the next section of its level. */
  private static String section() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("\n## Use it in your project\n");
    assertTrue(start >= 0, "README.md has no section \"Use it in your project\"");
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  /** The first fenced block of {@code language} in that section. */
  private static String snippet(String language) throws IOException {
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(section());
    assertTrue(m.find(), "no ```" + language + " block in \"Use it in your project\"");
    return m.group(1);
  }

  /** XML without comments and without white space between tags. */
  private static String squeeze(String xml) {
    return xml.replaceAll("(?s)<!--.*?-->", "").replaceAll(">\\s+<", "><").strip();
  }

  private static List<String> blocks(String xml, String tag) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("(?s)<" + tag + ">.*?</" + tag + ">").matcher(xml);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
