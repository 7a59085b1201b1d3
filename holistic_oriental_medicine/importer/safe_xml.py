"""Reading XML from the web safely: no entities expanded, no network, a clear message."""

from lxml import etree

from . import ImportFailed

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_xml(data, where):
    try:
        return etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError as error:
        raise ImportFailed(f"{where}: is not well-formed XML (line {error.lineno}: {error.msg}). "
                           "Is this the address of a Wix site?") from None
