package io.switchboard.pbxconf;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FreeSWITCH XML configuration read with the JDK parser: documents, the {@code $${...}} variables of
 * vars.xml, and the dialplan's contexts, extensions, conditions and actions.
 */
final class FreeSwitchConf {

    record Action(String app, String data) {
    }

    record Extension(String context, String name, List<String> destinationExpressions, List<Action> actions,
                     String file) {

        /** Whether {@code dialled} satisfies this extension's destination_number conditions. */
        boolean accepts(String dialled) {
            return !destinationExpressions.isEmpty()
                    && destinationExpressions.stream().allMatch(e -> java.util.regex.Pattern.compile(e).matcher(dialled).find());
        }
    }

    private FreeSwitchConf() {
    }

    /** The parsed document; a file that is not well-formed XML is an exception. */
    static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var builder = f.newDocumentBuilder();
        builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
            @Override
            public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                throw e; // reported by the caller, not printed on stderr by the parser
            }
        });
        return builder.parse(file.toFile());
    }

    static List<Element> elements(Document doc, String tag) {
        return elements(doc.getDocumentElement(), tag);
    }

    static List<Element> elements(Element root, String tag) {
        List<Element> out = new ArrayList<>();
        if (root.getTagName().equals(tag)) {
            out.add(root);
        }
        NodeList nodes = root.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    /** {@code <param name=... value=.../>} children of an element, by name. */
    static Map<String, String> params(Element parent) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element p : elements(parent, "param")) {
            out.put(p.getAttribute("name"), p.getAttribute("value"));
        }
        return out;
    }

    /** {@code <X-PRE-PROCESS cmd="set" data="name=value"/>} of vars.xml. */
    static Map<String, String> vars(Document varsXml) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element e : elements(varsXml, "X-PRE-PROCESS")) {
            String data = e.getAttribute("data");
            int eq = data.indexOf('=');
            if (e.getAttribute("cmd").equals("set") && eq > 0) {
                out.put(data.substring(0, eq), data.substring(eq + 1));
            }
        }
        return out;
    }

    /** {@code $${name}} replaced from vars; unknown names stay. */
    static String resolve(String text, Map<String, String> vars) {
        String out = text;
        for (int round = 0; round < 4 && out.contains("$${"); round++) {
            for (Map.Entry<String, String> v : vars.entrySet()) {
                out = out.replace("$${" + v.getKey() + "}", v.getValue());
            }
        }
        return out;
    }

    /** Every extension of every context in the documents, in order. */
    static Map<String, List<Extension>> contexts(Map<Path, Document> dialplans) {
        Map<String, List<Extension>> out = new LinkedHashMap<>();
        dialplans.forEach((file, doc) -> {
            for (Element ctx : elements(doc, "context")) {
                List<Extension> list = out.computeIfAbsent(ctx.getAttribute("name"), k -> new ArrayList<>());
                for (Element ext : elements(ctx, "extension")) {
                    List<String> expressions = new ArrayList<>();
                    List<Action> actions = new ArrayList<>();
                    for (Element cond : elements(ext, "condition")) {
                        if (cond.getAttribute("field").equals("destination_number")) {
                            expressions.add(cond.getAttribute("expression"));
                        }
                        for (Element a : elements(cond, "action")) {
                            actions.add(new Action(a.getAttribute("application"), a.getAttribute("data")));
                        }
                    }
                    list.add(new Extension(ctx.getAttribute("name"), ext.getAttribute("name"), expressions, actions,
                            file.getFileName().toString()));
                }
            }
        });
        return out;
    }

    static Optional<Extension> extension(Map<String, List<Extension>> contexts, String context, String dialled) {
        return contexts.getOrDefault(context, List.of()).stream().filter(e -> e.accepts(dialled)).findFirst();
    }
}
