#!/usr/bin/env python3
"""Writes the hostile-input suite into tests/data/hostile/ (the outputs are
committed; CI never runs this).  Python 3 standard library only; qpdf is used
for the encrypted PDFs when it is installed (otherwise the committed copies stay).
Deterministic: running it twice gives identical bytes.

Usage: python3 tests/data/hostile/generate.py [--out DIR]

The expected outcome of every file is in README.md next to this script and in
expected.tsv, which tests/cli/hostile.sh reads.  Inputs that are made at test
time (a symlink loop, an unreadable file) are not written here.
"""
import argparse
import bz2
import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
import zlib

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
FIXTURES = os.path.join(ROOT, 'tests', 'data', 'fixtures')
ZIP_DATE = (2024, 1, 10, 9, 0, 0)

W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
BODY_TEXT = ('Kommunstyrelsen ansvarar för att motverka välfärdsbrottslighet och '
             'felaktiga utbetalningar i alla nämnder.')


def pseudo_random(n, seed):
    out, block = bytearray(), seed.encode()
    while len(out) < n:
        block = hashlib.sha256(block).digest()
        out += block
    return bytes(out[:n])


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def write(path, data):
    with open(path, 'wb') as f:
        f.write(data)


# ---------------------------------------------------------------------------
# ZIP / DOCX helpers
# ---------------------------------------------------------------------------

def zinfo(name, method=zipfile.ZIP_DEFLATED):
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = method
    info.create_system = 0
    info.external_attr = 0
    info._compresslevel = 9  # ZipFile.open(ZipInfo, 'w') does not set it
    return info


def basic_docx_members():
    """The members of the committed basic.docx fixture, in order."""
    with zipfile.ZipFile(os.path.join(FIXTURES, 'basic.docx')) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def write_docx(path, document_xml, extra=(), drop=()):
    """basic.docx with word/document.xml replaced (None: left out) and extra members."""
    with zipfile.ZipFile(path, 'w') as zf:
        for name, data in basic_docx_members():
            if name in drop:
                continue
            if name == 'word/document.xml':
                if document_xml is None:
                    continue
                data = document_xml.encode('utf-8') if isinstance(document_xml, str) else document_xml
            zf.writestr(zinfo(name), data)
        for name, data in extra:
            zf.writestr(zinfo(name), data)


def w_document(body_xml, prolog=''):
    return XML_DECL + prolog + '<w:document %s><w:body>%s</w:body></w:document>' % (W_NS, body_xml)


def w_para(text):
    return '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % text


def write_zip_bomb(path, inflated, method):
    """A DOCX whose word/document.xml inflates to `inflated` bytes; written in
    streaming fashion (1 MiB at a time) so generation needs no big memory."""
    head = (XML_DECL + '<w:document %s><w:body><w:p><w:r><w:t>' % W_NS).encode()
    chunk = b'A' * (1 << 20)
    with zipfile.ZipFile(path, 'w') as zf:
        for name, data in basic_docx_members():
            if name == 'word/document.xml':
                with zf.open(zinfo(name, method), 'w', force_zip64=True) as f:
                    f.write(head)
                    left = inflated - len(head)
                    while left > 0:
                        n = min(left, len(chunk))
                        f.write(chunk[:n])
                        left -= n
            else:
                zf.writestr(zinfo(name), data)


# Padding that pushes a DOCTYPE beyond the first 4 KiB of the part: a
# comment is allowed in the prolog before the document type declaration.
LATE = '<!--' + ' padding' * 700 + ' -->\n'


def xxe_prolog(system_id, late=False):
    return (LATE if late else '') + (
        '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "%s">]>\n' % system_id)


def billion_laughs_prolog(late=False):
    ents = ['<!ENTITY lol "lol">']
    for i in range(1, 10):
        prev = '&lol;' if i == 1 else '&lol%d;' % (i - 1)
        ents.append('<!ENTITY lol%d "%s">' % (i, prev * 10))
    return (LATE if late else '') + '<!DOCTYPE w:document [%s]>\n' % ''.join(ents)


# ---------------------------------------------------------------------------
# PDF helpers
# ---------------------------------------------------------------------------

def pdf_assemble(objects, root=1, info=None):
    """objects: list of bytes bodies for objects 1..n.  Returns a PDF with a correct xref."""
    out = bytearray(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % (i + 1) + body + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1)
    for off in offsets:
        out += b'%010d 00000 n \n' % off
    out += b'trailer\n<< /Size %d /Root %d 0 R' % (len(objects) + 1, root)
    if info:
        out += b' /Info %d 0 R' % info
    out += b' >>\nstartxref\n%d\n%%%%EOF\n' % xref
    return bytes(out)


def pdf_stream(data, compress=True):
    if compress:
        data = zlib.compress(data, 9)
        return b'<< /Length %d /Filter /FlateDecode >>\nstream\n' % len(data) + data + b'\nendstream'
    return b'<< /Length %d >>\nstream\n' % len(data) + data + b'\nendstream'


TEXT_CONTENT = (b'BT /F1 12 Tf 72 760 Td (Kommunstyrelsen ansvarar f\xf6r att motverka '
                b'v\xe4lf\xe4rdsbrottslighet.) Tj 0 -16 Td (Felaktiga utbetalningar ska '
                b'polisanm\xe4las och \xe5terkr\xe4vas.) Tj ET\n')
FONT = b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'


def pdf_huge_page_count():
    objs = [
        b'<< /Type /Catalog /Pages 2 0 R >>',
        b'<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>',
        b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] '
        b'/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
        pdf_stream(TEXT_CONTENT),
        FONT,
    ]
    return pdf_assemble(objs)


def pdf_nested(depth):
    """Arrays `depth` deep as a direct object in the page dictionary, and a
    dictionary and an array `depth` deep as operands in the (compressed) content stream."""
    deep_array = b'[' * depth + b']' * depth
    deep_dict = b'<</A ' * depth + b'>>' * depth
    content = (b'/Span ' + deep_dict + b' BDC\n' + TEXT_CONTENT + b'EMC\n'
               + b'BT /F1 12 Tf 72 700 Td ' + deep_array + b' TJ ET\n')
    objs = [
        b'<< /Type /Catalog /Pages 2 0 R >>',
        b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] '
        b'/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R /StyrkollDeep ' + deep_array + b' >>',
        pdf_stream(content),
        FONT,
    ]
    return pdf_assemble(objs)


def flip_bits(data, seed, count):
    """`count` single-bit flips at pseudo-random positions after the header."""
    out = bytearray(data)
    rnd = pseudo_random(count * 8, 'bitflip-%s' % seed)
    for k in range(count):
        pos = 16 + int.from_bytes(rnd[8 * k:8 * k + 4], 'big') % (len(out) - 16)
        out[pos] ^= 1 << (rnd[8 * k + 4] % 8)
    return bytes(out)


def encrypt_pdfs(out, basic):
    qpdf = shutil.which('qpdf')
    if not qpdf:
        print('warning: qpdf not found; encrypted-*.pdf not regenerated', file=sys.stderr)
        return []
    common = [qpdf, '--static-id', '--allow-weak-crypto']
    user = os.path.join(out, 'encrypted-userpw.pdf')
    owner = os.path.join(out, 'encrypted-ownerpw.pdf')
    subprocess.run(common + ['--encrypt', 'hemligt', 'agare', '128', '--use-aes=n', '--', basic, user], check=True)
    subprocess.run(common + ['--encrypt', '', 'agare', '128', '--use-aes=n', '--modify=none', '--',
                             basic, owner], check=True)
    return [user, owner]


# ---------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', default=HERE)
    args = ap.parse_args()
    out = args.out
    os.makedirs(out, exist_ok=True)
    written = []

    def p(name):
        path = os.path.join(out, name)
        written.append(path)
        return path

    basic_pdf = os.path.join(FIXTURES, 'basic.pdf')
    pdf = read(basic_pdf)

    # --- PDF ---------------------------------------------------------------
    for frac in (10, 50, 90, 99):
        write(p('truncated-%02d.pdf' % frac), pdf[:len(pdf) * frac // 100])
    for seed in range(1, 6):
        write(p('bitflip-%d.pdf' % seed), flip_bits(pdf, seed, 8 * seed))
    write(p('huge-pagecount.pdf'), pdf_huge_page_count())
    write(p('nested-100000.pdf'), pdf_nested(100000))
    written.extend(encrypt_pdfs(out, basic_pdf))

    # --- DOCX --------------------------------------------------------------
    write_zip_bomb(p('zipbomb-deflate.docx'), 1 << 30, zipfile.ZIP_DEFLATED)
    write_zip_bomb(p('zipbomb-bzip2.docx'), 4 << 30, zipfile.ZIP_BZIP2)
    write_docx(p('xxe-file.docx'), w_document(w_para('&xxe;') + w_para(BODY_TEXT),
                                              xxe_prolog('file:///etc/passwd')))
    write_docx(p('xxe-file-late.docx'), w_document(w_para('&xxe;') + w_para(BODY_TEXT),
                                                   xxe_prolog('file:///etc/passwd', late=True)))
    write_docx(p('xxe-url.docx'), w_document(w_para('&xxe;') + w_para(BODY_TEXT),
                                             xxe_prolog('http://127.0.0.1:9/x')))
    write_docx(p('xxe-url-late.docx'), w_document(w_para('&xxe;') + w_para(BODY_TEXT),
                                                  xxe_prolog('http://127.0.0.1:9/x', late=True)))
    # UTF-16: a byte-level prolog scan does not see "<!DOCTYPE" in it.
    write_docx(p('xxe-utf16.docx'), w_document(w_para('&xxe;') + w_para(BODY_TEXT),
                                               xxe_prolog('file:///etc/passwd'))
               .replace('encoding="UTF-8"', 'encoding="UTF-16"').encode('utf-16'))
    write_docx(p('billion-laughs.docx'), w_document(w_para('&lol9;') + w_para(BODY_TEXT),
                                                    billion_laughs_prolog()))
    write_docx(p('billion-laughs-late.docx'), w_document(w_para('&lol9;') + w_para(BODY_TEXT),
                                                         billion_laughs_prolog(late=True)))
    deep = 100000
    write_docx(p('deep-xml.docx'), w_document(w_para(BODY_TEXT) + '<w:sdt>' * deep + w_para('djupt')
                                              + '</w:sdt>' * deep))
    write_docx(p('missing-document.docx'), None)
    write_docx(p('path-traversal.docx'), w_document(w_para(BODY_TEXT)),
               extra=[('../../evil.txt', b'root:x:0:0:evil\n'),
                      ('/tmp/styrkoll-evil-absolute.txt', b'evil\n'),
                      ('word/../../../evil2.txt', b'evil\n')])

    # --- other formats -----------------------------------------------------
    write(p('zero-bytes.pdf'), b'')
    write(p('non-utf8.txt'),
          'Riktlinje för kontroll av leverantörer\n\n'.encode('cp1252')
          + b'Ogiltiga sekvenser: \xc0\xaf \xed\xa0\x80 \xf8\x88\x80\x80\x80 \x80\x81 \xff\xfe slut.\n'
          + 'Nämnden ansvarar för uppföljningen.\n'.encode('cp1252'))
    shutil.copyfile(os.path.join(FIXTURES, 'basic.docx'), p('docx-named.pdf'))
    write(p('html-bomb.html'), b'<!DOCTYPE html><html><head><title>Djup</title></head><body>'
          + b'<p>' + BODY_TEXT.encode() + b'</p>' + b'<b>' * 100000 + b'djupt' + b'</body></html>\n')

    for path in written:
        print(path)
    return 0


if __name__ == '__main__':
    sys.exit(main())
