package io.switchboard.workflow.deploy;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.util.Optional;

/**
 * A pass over a file before the engine parses it: well-formed XML, and no DTD at all (a DTD is
 * how entity expansion and external entities get in; BPMN and DMN never need one). The engine's
 * own parser is set against XXE too; this check answers with the position instead.
 */
final class XmlGuard {

    private XmlGuard() {
    }

    /** The problem with the file, with its line and column; empty when it may go to the engine. */
    static Optional<String> problem(WorkflowFile file) {
        XMLStreamReader reader = null;
        try {
            reader = factory().createXMLStreamReader(new ByteArrayInputStream(file.content()));
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.DTD) {
                    var at = reader.getLocation();
                    return Optional.of(file.name() + " line " + at.getLineNumber() + ", column " + at.getColumnNumber()
                            + ": DOCTYPE declarations are not allowed");
                }
            }
            return Optional.empty();
        } catch (XMLStreamException e) {
            var at = e.getLocation();
            String message = e.getMessage();
            int cut = message == null ? -1 : message.indexOf("Message: ");
            message = cut >= 0 ? message.substring(cut + 9) : message;
            return Optional.of(file.name() + (at == null ? "" : " line " + at.getLineNumber() + ", column "
                    + at.getColumnNumber()) + ": not well-formed XML: " + message);
        } finally {
            close(reader);
        }
    }

    /** A factory per file: factories are not promised to be thread-safe, and making one is cheap. */
    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        // the DTD is reported as an event (and refused above) but never read or applied
        f.setProperty(XMLInputFactory.SUPPORT_DTD, true);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new XMLStreamException("external entities are not allowed");
        });
        return f;
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing was opened beyond the byte array
            }
        }
    }
}
