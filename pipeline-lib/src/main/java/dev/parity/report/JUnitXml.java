package dev.parity.report;

import dev.parity.assertion.AssertionResult;
import dev.parity.assertion.EnvironmentAssertions;
import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as Jenkins' junit step reads it: a testsuite per environment, a testcase per node x
 * service assertion and per node count, a failure element with expected and observed for each
 * failed one.
 */
public final class JUnitXml {
  private JUnitXml() {}

  public static String render(RunReport report) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.writeStartElement("testsuites");
      w.writeAttribute("name", visible("parity " + report.command()));
      long tests = report.environments().stream().mapToLong(e -> e.results().size()).sum();
      w.writeAttribute("tests", Long.toString(tests));
      w.writeAttribute(
          "failures",
          Long.toString(
              report.environments().stream().mapToLong(EnvironmentAssertions::failures).sum()));
      w.writeCharacters("\n");
      for (EnvironmentAssertions env : report.environments()) {
        w.writeStartElement("testsuite");
        w.writeAttribute("name", visible("parity." + env.environment()));
        w.writeAttribute("tests", Integer.toString(env.results().size()));
        w.writeAttribute("failures", Long.toString(env.failures()));
        w.writeAttribute("errors", "0");
        w.writeAttribute("skipped", "0");
        w.writeAttribute("time", seconds(env.millis()));
        w.writeAttribute("timestamp", env.started().replaceAll("\\.\\d+Z$", "").replace("Z", ""));
        w.writeCharacters("\n");
        for (AssertionResult r : env.results()) {
          w.writeCharacters("  ");
          w.writeStartElement("testcase");
          w.writeAttribute("classname", visible("parity." + env.environment() + "." + r.service()));
          w.writeAttribute(
              "name",
              visible(
                  r.check().equals("node-count")
                      ? "node count of " + r.node()
                      : r.node() + " runs " + r.service() + " " + r.expected()));
          w.writeAttribute("time", seconds(r.millis()));
          if (!r.passed()) {
            w.writeStartElement("failure");
            w.writeAttribute("message", visible(r.message()));
            w.writeAttribute(
                "type",
                r.observed().equals(AssertionResult.UNREACHABLE) ? "unreachable" : r.check());
            // Untrusted text made visible: also keeps the XML valid (XML 1.0 has no ESC).
            w.writeCharacters(
                dev.parity.text.Untrusted.visibleLines(
                    "expected: "
                        + r.expected()
                        + "\nobserved: "
                        + r.observed()
                        + "\n"
                        + r.message()));
            w.writeEndElement();
          }
          w.writeEndElement();
          w.writeCharacters("\n");
        }
        w.writeEndElement();
        w.writeCharacters("\n");
      }
      if (report.parity() != null && !report.parity().findings().isEmpty()) {
        // The parity verdicts as text, as the terminal and the HTML page show them: an error fails,
        // a warning (a patch trailing within its window) passes with what it said.
        w.writeStartElement("testsuite");
        w.writeAttribute("name", "parity.findings");
        w.writeAttribute("tests", Integer.toString(report.parity().findings().size()));
        w.writeAttribute(
            "failures", Long.toString(report.parity().count(dev.parity.check.Severity.ERROR)));
        w.writeCharacters("\n");
        for (dev.parity.check.Finding f : report.parity().findings()) {
          w.writeCharacters("  ");
          w.writeStartElement("testcase");
          w.writeAttribute("classname", visible("parity.findings." + f.rule()));
          w.writeAttribute("name", visible(f.path() + " " + f.environments().keySet()));
          if (f.severity() == dev.parity.check.Severity.ERROR) {
            w.writeStartElement("failure");
            w.writeAttribute("message", visible(f.message()));
            w.writeAttribute("type", visible(f.rule()));
            w.writeEndElement();
          } else {
            w.writeStartElement("system-out");
            w.writeCharacters(visible(f.severity().label() + ": " + f.message()));
            w.writeEndElement();
          }
          w.writeEndElement();
          w.writeCharacters("\n");
        }
        w.writeEndElement();
        w.writeCharacters("\n");
      }
      w.writeEndElement();
      w.writeCharacters("\n");
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  private static String seconds(long millis) {
    return String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
  }

  private static String visible(String text) {
    return dev.parity.text.Untrusted.visible(text);
  }
}
