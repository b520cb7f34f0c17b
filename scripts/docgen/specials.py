#!/usr/bin/env python3
"""Special-case fixtures that are not rendered from a *.doc.md source:
broken, encrypted, image-only and legacy files.  Deterministic output.

Usage: python3 scripts/docgen/specials.py --out DIR [--basic-pdf DIR/basic.pdf]

basic.pdf must already exist (it is the input of truncated.pdf, wrongext.docx and
the encrypted PDFs).  Encrypted PDFs need the `qpdf` command at generation time
only; without it they are skipped with a warning (the committed copies stay).
"""
import argparse
import hashlib
import os
import shutil
import struct
import subprocess
import sys
import zlib

sys.dont_write_bytecode = True   # keep scripts/docgen free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import docgen  # noqa: E402


def pseudo_random(n, seed):
    out, block = bytearray(), seed.encode()
    while len(out) < n:
        block = hashlib.sha256(block).digest()
        out += block
    return bytes(out[:n])


# ---------------------------------------------------------------------------
# Image-only ("scanned") PDF
# ---------------------------------------------------------------------------

def grey_image(w, h, page):
    """A grey page with darker bands that look like lines of text."""
    rows = []
    for y in range(h):
        row = bytearray()
        in_band = 30 <= y < h - 30 and (y // 6) % 2 == 0
        for x in range(w):
            v = 0xE0
            if in_band and 20 <= x < w - 20 and ((x + 7 * y + 13 * page) // 9) % 5 != 0:
                v = 0x50
            row.append(v)
        rows.append(bytes(row))
    return b''.join(rows)


def write_scanned_pdf(path, pages=2, w=200, h=280):
    pw = docgen.PdfWriter()
    catalog = pw.reserve()
    pages_obj = pw.reserve()
    info = pw.add(b'<< /Title ' + docgen.pdf_text_string('Inskannat protokoll') + b' /Producer '
                  + docgen.pdf_text_string('Styrkoll docgen') + b' /CreationDate '
                  + docgen.pdf_text_string(docgen.pdf_date('2024-04-15')) + b' >>')
    kids = []
    for p in range(pages):
        img = pw.stream(grey_image(w, h, p),
                        b' /Type /XObject /Subtype /Image /Width %d /Height %d '
                        b'/ColorSpace /DeviceGray /BitsPerComponent 8' % (w, h))
        content = pw.stream(b'q %.2f 0 0 %.2f 0 0 cm /Im1 Do Q\n' % (docgen.PAGE_W, docgen.PAGE_H))
        kids.append(pw.add('<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] '
                           '/Resources << /XObject << /Im1 %d 0 R >> /ProcSet [/PDF /ImageB] >> '
                           '/Contents %d 0 R >>' % (pages_obj, docgen.PAGE_W, docgen.PAGE_H, img, content)))
    pw.set(pages_obj, '<< /Type /Pages /Kids [%s] /Count %d >>'
           % (' '.join('%d 0 R' % k for k in kids), len(kids)))
    pw.set(catalog, '<< /Type /Catalog /Pages %d 0 R >>' % pages_obj)
    pw.write(path, catalog, info)


# ---------------------------------------------------------------------------
# PNG
# ---------------------------------------------------------------------------

def png_chunk(tag, data):
    return struct.pack('>I', len(data)) + tag + data + struct.pack('>I', zlib.crc32(tag + data))


def write_png(path, w=16, h=16):
    raw = b''.join(b'\x00' + bytes((x * 16 + y) & 0xFF for x in range(w)) for y in range(h))
    data = (b'\x89PNG\r\n\x1a\n'
            + png_chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0))
            + png_chunk(b'IDAT', zlib.compress(raw, 9))
            + png_chunk(b'IEND', b''))
    with open(path, 'wb') as f:
        f.write(data)


# ---------------------------------------------------------------------------
# OLE Compound File Binary (version 3, 512-byte sectors, no mini stream)
# ---------------------------------------------------------------------------

FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR = 512
MINI_CUTOFF = 4096


def cfb_dir_entry(name, obj_type, left=NOSTREAM, right=NOSTREAM, child=NOSTREAM,
                  start=ENDOFCHAIN, size=0, color=1):
    if name is None:
        return (b'\x00' * 64 + struct.pack('<HBB', 0, 0, 0)
                + struct.pack('<III', NOSTREAM, NOSTREAM, NOSTREAM) + b'\x00' * 16
                + struct.pack('<I', 0) + b'\x00' * 16 + struct.pack('<IQ', 0, 0))
    enc = name.encode('utf-16-le') + b'\x00\x00'
    assert len(enc) <= 64
    return (enc.ljust(64, b'\x00') + struct.pack('<HBB', len(enc), obj_type, color)
            + struct.pack('<III', left, right, child) + b'\x00' * 16 + struct.pack('<I', 0)
            + b'\x00' * 16 + struct.pack('<IQ', start, size))


def cfb_name_key(name):
    return (len(name), name.upper())


def write_cfb(path, streams):
    """streams: list of (name, bytes); every stream is padded to >= 4096 bytes so
    that it lives in regular sectors (no mini stream needed)."""
    streams = [(n, d.ljust(MINI_CUTOFF, b'\x00') if len(d) < MINI_CUTOFF else d) for n, d in streams]
    # sectors: 0 = FAT, 1 = directory, then stream data
    nxt = 2
    layout = []
    for name, data in streams:
        count = (len(data) + SECTOR - 1) // SECTOR
        layout.append((name, data, nxt, count))
        nxt += count
    total = nxt
    assert total <= SECTOR // 4, 'only one FAT sector supported'
    fat = [FREESECT] * (SECTOR // 4)
    fat[0] = FATSECT
    fat[1] = ENDOFCHAIN
    for _, _, start, count in layout:
        for k in range(count):
            fat[start + k] = start + k + 1 if k + 1 < count else ENDOFCHAIN
    # directory: root + streams as a right-leaning chain (black head, red second node:
    # a valid red-black tree for the one or two streams used here)
    order = sorted(range(len(layout)), key=lambda i: cfb_name_key(layout[i][0]))
    entries = [None] * (len(layout) + 1)
    for pos, i in enumerate(order):
        right = order[pos + 1] + 1 if pos + 1 < len(order) else NOSTREAM
        name, data, start, _ = layout[i]
        entries[i + 1] = cfb_dir_entry(name, 2, right=right, start=start, size=len(data),
                                       color=1 if pos == 0 else 0)
    entries[0] = cfb_dir_entry('Root Entry', 5, child=order[0] + 1 if order else NOSTREAM)
    assert len(entries) <= 4, 'only one directory sector supported'
    while len(entries) < 4:
        entries.append(cfb_dir_entry(None, 0))
    header = (b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + b'\x00' * 16
              + struct.pack('<HHHHH', 0x003E, 0x0003, 0xFFFE, 9, 6) + b'\x00' * 6
              + struct.pack('<IIIIIIIII', 0, 1, 1, 0, MINI_CUTOFF, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
              + struct.pack('<I', 0) + struct.pack('<I', FREESECT) * 108)
    assert len(header) == SECTOR
    out = bytearray(header)
    out += struct.pack('<%dI' % len(fat), *fat)
    out += b''.join(entries)
    for _, data, _, count in layout:
        out += data.ljust(count * SECTOR, b'\x00')
    with open(path, 'wb') as f:
        f.write(out)


def encryption_info():
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
           '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" '
           'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
           '<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
           'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" '
           'saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/><keyEncryptors><keyEncryptor '
           'uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password"/></keyEncryptors>'
           '</encryption>')
    # version 4.4 (agile encryption), flags 0x40
    return struct.pack('<HHI', 4, 4, 0x40) + xml.encode('utf-8')


def word_document_stream():
    # start of a Word 97-2003 FIB: wIdent 0xA5EC, nFib 0x00C1
    return struct.pack('<HH', 0xA5EC, 0x00C1) + b'\x00' * 28


# ---------------------------------------------------------------------------
# Zip without word/document.xml
# ---------------------------------------------------------------------------

def write_missing_document_docx(path):
    ct = docgen.DOCX_CONTENT_TYPES
    doc = docgen.parse_source('---\ntitle: Saknat dokument\nauthor: Testare\ncreated: 2024-01-10\n---\n')
    docgen.zip_write(path, [
        ('[Content_Types].xml', ct, False),
        ('_rels/.rels', docgen.DOCX_ROOT_RELS, False),
        ('docProps/core.xml', docgen.docx_core(doc), False),
        ('docProps/app.xml', docgen.docx_app(doc, 1), False),
    ], '2024-01-10')


# ---------------------------------------------------------------------------

def write_bytes(path, data):
    with open(path, 'wb') as f:
        f.write(data)


def encrypt_pdfs(out, basic):
    qpdf = shutil.which('qpdf')
    if not qpdf:
        print('warning: qpdf not found; encrypted-*.pdf not regenerated', file=sys.stderr)
        return
    common = [qpdf, '--static-id', '--allow-weak-crypto']
    # RC4 128-bit keeps the output deterministic (AES would use random IVs)
    subprocess.run(common + ['--encrypt', 'hemligt', 'agare', '128', '--use-aes=n', '--',
                             basic, os.path.join(out, 'encrypted-userpw.pdf')], check=True)
    subprocess.run(common + ['--encrypt', '', 'agare', '128', '--use-aes=n', '--modify=none', '--',
                             basic, os.path.join(out, 'encrypted-ownerpw.pdf')], check=True)
    print(os.path.join(out, 'encrypted-userpw.pdf'))
    print(os.path.join(out, 'encrypted-ownerpw.pdf'))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', required=True)
    ap.add_argument('--basic-pdf')
    args = ap.parse_args()
    out = args.out
    os.makedirs(out, exist_ok=True)
    basic = args.basic_pdf or os.path.join(out, 'basic.pdf')
    with open(basic, 'rb') as f:
        basic_bytes = f.read()

    def p(name):
        path = os.path.join(out, name)
        print(path)
        return path

    write_scanned_pdf(p('scanned.pdf'))
    write_png(p('image.png'))
    write_bytes(p('truncated.pdf'), basic_bytes[:len(basic_bytes) // 2])
    write_bytes(p('notapdf.pdf'), 'Det här är ingen PDF-fil utan vanlig text.\n'.encode('utf-8'))
    write_bytes(p('wrongext.docx'), basic_bytes)
    write_missing_document_docx(p('missing-document.docx'))
    write_bytes(p('notzip.docx'), pseudo_random(1024, 'notzip'))
    write_cfb(p('encrypted.docx'), [('EncryptionInfo', encryption_info()),
                                     ('EncryptedPackage', struct.pack('<Q', 12000)
                                      + pseudo_random(12000, 'encrypted-package'))])
    write_cfb(p('legacy.doc'), [('WordDocument', word_document_stream()),
                                ('1Table', b'\x00' * 64)])
    write_bytes(p('empty.txt'), b'')
    latin1 = ('Protokoll från kommunstyrelsen\n\n'
              'Ärendet gäller \u201dÖversiktsplan 2030\u201d för Åby och Älvsö \u2013 '
              'beslutet fattades enhälligt.\n')
    write_bytes(p('latin1.txt'), latin1.encode('cp1252'))
    bom = 'Kallelse till sammanträde\n\nSocialnämnden sammanträder i Örby kommunhus.\n'
    write_bytes(p('bom.txt'), b'\xef\xbb\xbf' + bom.encode('utf-8'))
    encrypt_pdfs(out, basic)
    return 0


if __name__ == '__main__':
    sys.exit(main())
