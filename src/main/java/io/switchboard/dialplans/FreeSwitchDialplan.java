package io.switchboard.dialplans;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a FreeSWITCH dialplan include ({@code <include><context name>...}) with a SAX parser that
 * refuses DOCTYPEs and external entities (no XXE, no entity expansion), and checks the structure
 * mod_dialplan_xml expects: extensions in a named context, conditions in extensions, actions with
 * an application in conditions. It collects the contexts defined and the contexts and queues that
 * {@code transfer}, {@code execute_extension}, {@code loopback/} and {@code callcenter} rely on.
 */
public final class FreeSwitchDialplan extends DefaultHandler {

    private static final Pattern LOOPBACK = Pattern.compile("loopback/[^/\\s,\\]|]+/([^/\\s,\\]|]+)");
    /** The preprocessor's own element, allowed anywhere. */
    private static final String PRE_PROCESS = "X-PRE-PROCESS";

    private final Set<String> contexts = new LinkedHashSet<>();
    private final List<Reference> references = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Deque<String> open = new ArrayDeque<>();
    private Locator locator;

    private FreeSwitchDialplan() {
    }

    public static ParsedDialplan parse(String content) {
        FreeSwitchDialplan handler = new FreeSwitchDialplan();
        try {
            parser().parse(new InputSource(new StringReader(content)), handler);
        } catch (SAXParseException e) {
            handler.problems.add(new Problem(Math.max(e.getLineNumber(), 0), "not well-formed XML: " + e.getMessage()));
        } catch (SAXException | IOException e) {
            handler.problems.add(new Problem(0, "not readable as XML: " + e.getMessage()));
        }
        return new ParsedDialplan(handler.contexts, handler.references, handler.problems);
    }

    private static SAXParser parser() throws SAXException {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(false);
            f.setXIncludeAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return f.newSAXParser();
        } catch (ParserConfigurationException e) {
            throw new SAXException("no secure XML parser available", e);
        }
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        this.locator = locator;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes a) {
        int line = locator == null ? 0 : locator.getLineNumber();
        String parent = open.peek();
        open.push(qName);
        if (qName.equals(PRE_PROCESS)) {
            return;
        }
        switch (qName) {
            case "include" -> expectParent(line, qName, parent, null);
            case "context" -> {
                expectParent(line, qName, parent, "include");
                String name = a.getValue("name");
                if (name == null || !AsteriskDialplan.CONTEXT_NAME.matcher(name).matches()) {
                    problems.add(new Problem(line, "<context> needs a name of 1-79 letters, digits, '_', '-', '.' or '+'"));
                } else {
                    contexts.add(name);
                }
            }
            case "extension" -> {
                if (!"context".equals(parent)) {
                    problems.add(new Problem(line, "<extension> outside a <context name>"));
                }
            }
            case "condition" -> {
                if (!"extension".equals(parent) && !"condition".equals(parent)) {
                    problems.add(new Problem(line, "<condition> outside an <extension>"));
                }
                if (a.getValue("field") != null && a.getValue("expression") == null) {
                    problems.add(new Problem(line, "<condition field> without an expression"));
                }
            }
            case "regex" -> expectParent(line, qName, parent, "condition");
            case "action", "anti-action" -> action(line, qName, parent, a);
            default -> problems.add(new Problem(line, "unknown element <" + qName + "> in a dialplan"));
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        open.pop();
    }

    private void expectParent(int line, String element, String parent, String expected) {
        boolean ok = expected == null ? parent == null : (expected.equals(parent) || (parent == null
                && element.equals("context")));
        if (!ok) {
            problems.add(new Problem(line, "<" + element + "> is not expected inside "
                    + (parent == null ? "the document" : "<" + parent + ">")));
        }
    }

    private void action(int line, String element, String parent, Attributes a) {
        if (!"condition".equals(parent)) {
            problems.add(new Problem(line, "<" + element + "> outside a <condition>"));
        }
        String app = a.getValue("application");
        if (app == null || app.isBlank()) {
            problems.add(new Problem(line, "<" + element + "> needs an application"));
            return;
        }
        String data = a.getValue("data") == null ? "" : a.getValue("data").trim();
        switch (app.trim().toLowerCase(Locale.ROOT)) {
            case "transfer", "execute_extension" -> transfer(line, app, data);
            case "callcenter" -> {
                String queue = data.split("\\s+", 2)[0];
                queue = queue.contains("@") ? queue.substring(0, queue.indexOf('@')) : queue;
                if (queue.isEmpty()) {
                    problems.add(new Problem(line, "callcenter needs a queue name"));
                } else if (!queue.contains("$")) {
                    references.add(Reference.queue(line, queue, "callcenter " + queue));
                }
            }
            default -> { }
        }
        Matcher loop = LOOPBACK.matcher(data);
        while (loop.find()) {
            if (!loop.group(1).contains("$")) {
                references.add(Reference.context(line, loop.group(1), app + " loopback/.../" + loop.group(1)));
            }
        }
    }

    /** {@code [-bleg|-both] <extension> [XML <context>]}: without a context the call stays in its own. */
    private void transfer(int line, String app, String data) {
        List<String> words = new ArrayList<>(List.of(data.split("\\s+")));
        words.removeIf(w -> w.startsWith("-") || w.isEmpty());
        if (words.isEmpty()) {
            problems.add(new Problem(line, app + " needs an extension"));
            return;
        }
        if (words.size() >= 3 && words.get(1).equalsIgnoreCase("XML") && !words.get(2).contains("$")) {
            references.add(Reference.context(line, words.get(2), app + " ... XML " + words.get(2)));
        }
    }
}
