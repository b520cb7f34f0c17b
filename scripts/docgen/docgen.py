#!/usr/bin/env python3
"""docgen: render a small Markdown-like source (*.doc.md) to pdf, docx, odt, md,
txt and html.  Python 3.11 standard library only.  Output is deterministic:
regenerating the same source gives byte-identical files.

Usage: python3 scripts/docgen/docgen.py SRC.doc.md --out DIR [--formats pdf,docx]

See scripts/docgen/README.md for the source format.
"""
import argparse
import hashlib
import os
import re
import sys
import zipfile
import zlib

SHY = '\ue000'   # soft line-break hint, written "\-" in the source
BRK = '\ue001'   # forced line break (PDF only), written "{br}" in the source
ALL_FORMATS = ['pdf', 'docx', 'odt', 'md', 'txt', 'html']

# Advance widths (1/1000 em) of the standard-14 fonts for WinAnsiEncoding codes
# 32..255, from the Adobe AFM metrics. 0 = code not defined in WinAnsiEncoding.
WIDTHS = {
    'helvetica': [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,
        556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
        0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
        278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
        400, 584, 333, 333, 333, 578, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
        667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
        722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
        556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
    ],
    'helvetica-bold': [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0,
        556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
        0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667,
        278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
        400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
        722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
        722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
        556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
        611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
    ],
    'times': [
        250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
        500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
        921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
        556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
        333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
        500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, 0,
        500, 0, 333, 500, 444, 1000, 500, 500, 333, 1000, 556, 333, 889, 0, 611, 0,
        0, 333, 333, 444, 444, 350, 500, 1000, 333, 980, 389, 333, 722, 0, 444, 722,
        250, 333, 500, 500, 500, 500, 200, 500, 333, 760, 276, 500, 564, 333, 760, 333,
        400, 564, 300, 300, 333, 510, 453, 250, 333, 300, 310, 500, 750, 750, 750, 444,
        722, 722, 722, 722, 722, 722, 889, 667, 611, 611, 611, 611, 333, 333, 333, 333,
        722, 722, 722, 722, 722, 722, 722, 564, 722, 722, 722, 722, 722, 722, 556, 500,
        444, 444, 444, 444, 444, 444, 667, 444, 444, 444, 444, 444, 278, 278, 278, 278,
        500, 500, 500, 500, 500, 500, 500, 564, 500, 500, 500, 500, 500, 500, 500, 500,
    ],
    'times-bold': [
        250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
        500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
        930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
        611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
        333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
        556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520, 0,
        500, 0, 333, 500, 500, 1000, 500, 500, 333, 1000, 556, 333, 1000, 0, 667, 0,
        0, 333, 333, 500, 500, 350, 500, 1000, 333, 1000, 389, 333, 722, 0, 444, 722,
        250, 333, 500, 500, 500, 500, 220, 500, 333, 747, 300, 500, 570, 333, 747, 333,
        400, 570, 300, 300, 333, 601, 540, 250, 333, 300, 330, 500, 750, 750, 750, 500,
        722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 389, 389, 389, 389,
        722, 722, 778, 778, 778, 778, 778, 570, 778, 722, 722, 722, 722, 722, 611, 556,
        500, 500, 500, 500, 500, 500, 722, 444, 444, 444, 444, 444, 278, 278, 278, 278,
        500, 556, 500, 500, 500, 500, 500, 570, 500, 556, 556, 556, 556, 500, 556, 500,
    ],
}


# ---------------------------------------------------------------------------
# Source parsing
# ---------------------------------------------------------------------------

def _strip_comment(line):
    """Drop a trailing ' # comment' that is outside quotes."""
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in '"\'':
            quote = ch
        elif ch == '#' and (i == 0 or line[i - 1] in ' \t'):
            return line[:i].rstrip()
    return line.rstrip()


def _scalar(val):
    val = val.strip()
    if len(val) >= 2 and val[0] == val[-1] and val[0] in '"\'':
        inner = val[1:-1]
        if val[0] == '"':
            inner = inner.replace('\\"', '"').replace('\\\\', '\\')
        return inner
    if val.startswith('[') and val.endswith(']'):
        return [_scalar(v) for v in val[1:-1].split(',') if v.strip()]
    if val.lower() in ('true', 'yes'):
        return True
    if val.lower() in ('false', 'no'):
        return False
    if re.fullmatch(r'-?\d+', val):
        return int(val)
    if re.fullmatch(r'-?\d+\.\d+', val):
        return float(val)
    return val


def parse_header(lines):
    meta, section = {}, None
    for raw in lines:
        line = _strip_comment(raw)
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        key, _, val = line.strip().partition(':')
        key = key.strip()
        if indent and section is not None:
            meta[section][key] = _scalar(val)
        elif val.strip() == '':
            meta[key] = {}
            section = key
        else:
            meta[key] = _scalar(val)
            section = None
    return meta


_INLINE_RE = re.compile(r'\*\*|\{ins\}|\{/ins\}|\{del\}|\{/del\}|\[\^([^\]]+)\]|\\-|\{br\}')


def parse_inline(text):
    """Return a list of runs: {'text', 'bold', 'change'} or {'fn': id}."""
    runs, bold, change, pos = [], False, None, 0
    buf = []

    def flush():
        if buf:
            runs.append({'text': ''.join(buf), 'bold': bold, 'change': change})
            buf.clear()

    for m in _INLINE_RE.finditer(text):
        buf.append(text[pos:m.start()])
        pos = m.end()
        tok = m.group(0)
        if tok == '\\-':
            buf.append(SHY)
        elif tok == '{br}':
            buf.append(BRK)
        else:
            flush()
            if tok == '**':
                bold = not bold
            elif tok == '{ins}':
                change = 'ins'
            elif tok == '{del}':
                change = 'del'
            elif tok in ('{/ins}', '{/del}'):
                change = None
            else:
                runs.append({'fn': m.group(1)})
    buf.append(text[pos:])
    flush()
    return [r for r in runs if 'fn' in r or r['text']]


def plain(runs, keep_del=False):
    """Accepted text of runs (deletions dropped), hints removed."""
    out = []
    for r in runs:
        if 'fn' in r or (r['change'] == 'del' and not keep_del):
            continue
        out.append(clean(r['text']))
    return ''.join(out)


def clean(text):
    return text.replace(SHY, '').replace(BRK, '')


class Doc:
    def __init__(self, meta, blocks, footdefs):
        self.meta = meta
        self.layout = meta.get('layout') or {}
        self.blocks = blocks
        self.id = str(meta.get('id', 'document'))
        self.title = str(meta.get('title', ''))
        self.author = str(meta.get('author', ''))
        self.created = str(meta.get('created', '2024-01-01'))
        self.modified = str(meta.get('modified', self.created))
        fm = meta.get('formats') or ALL_FORMATS
        self.formats = fm if isinstance(fm, list) else [fm]
        # footnotes numbered in order of first reference
        self.fn_number, self.fn_text = {}, {}
        for runs in self.all_inlines():
            for r in runs:
                if 'fn' in r and r['fn'] not in self.fn_number:
                    n = len(self.fn_number) + 1
                    self.fn_number[r['fn']] = n
                    self.fn_text[n] = parse_inline(footdefs.get(r['fn'], ''))

    def all_inlines(self):
        for b in self.blocks:
            if b['type'] in ('heading', 'para'):
                yield b['runs']
            elif b['type'] == 'list':
                yield from b['items']
            elif b['type'] == 'table':
                for row in b['rows']:
                    yield from row

    def footnotes(self):
        return sorted(self.fn_text.items())


def parse_source(text):
    lines = text.replace('\r\n', '\n').split('\n')
    meta = {}
    if lines and lines[0].strip() == '---':
        end = lines.index('---', 1)
        meta = parse_header(lines[1:end])
        lines = lines[end + 1:]
    blocks, footdefs, para = [], {}, []
    seen_heading = [False]

    def add(block):
        block['front'] = not seen_heading[0] and block['type'] != 'heading'
        blocks.append(block)

    def flush():
        if para:
            add({'type': 'para', 'runs': parse_inline(' '.join(para))})
            para.clear()

    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        s = line.strip()
        i += 1
        if not s:
            flush()
            continue
        m = re.match(r'\[\^([^\]]+)\]:\s*(.*)$', s)
        if m:
            flush()
            footdefs[m.group(1)] = m.group(2)
            continue
        if s == '{pagebreak}':
            flush()
            add({'type': 'pagebreak'})
            continue
        if s == '{columnbreak}':
            flush()
            add({'type': 'colbreak'})
            continue
        m = re.match(r'(#{1,6})\s+(.*)$', s)
        if m:
            flush()
            seen_heading[0] = True
            add({'type': 'heading', 'level': len(m.group(1)), 'runs': parse_inline(m.group(2))})
            continue
        if s.startswith('|'):
            flush()
            rows = [s]
            while i < len(lines) and lines[i].strip().startswith('|'):
                rows.append(lines[i].strip())
                i += 1
            cells = []
            for r in rows:
                parts = [c.strip() for c in r.strip().strip('|').split('|')]
                if all(re.fullmatch(r':?-{2,}:?', c) for c in parts):
                    continue
                cells.append([parse_inline(c) for c in parts])
            add({'type': 'table', 'rows': cells})
            continue
        m = re.match(r'(?:([-*])|(\d+)[.)])\s+(.*)$', s)
        if m and not line.startswith('    '):
            flush()
            kind = 'bullet' if m.group(1) else 'number'
            items = [m.group(3)]
            while i < len(lines):
                nxt = lines[i]
                m2 = re.match(r'(?:([-*])|(\d+)[.)])\s+(.*)$', nxt.strip())
                if m2 and bool(m2.group(1)) == (kind == 'bullet') and not nxt.startswith('    '):
                    items.append(m2.group(3))
                elif nxt.startswith('  ') and nxt.strip() and not m2:
                    items[-1] += ' ' + nxt.strip()
                else:
                    break
                i += 1
            add({'type': 'list', 'kind': kind, 'items': [parse_inline(t) for t in items]})
            continue
        para.append(s)
    flush()
    return Doc(meta, blocks, footdefs)


# ---------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------

def xml_escape(s):
    return (s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
            .replace('"', '&quot;'))


def iso_datetime(date):
    return '%sT09:00:00Z' % date


def zip_write(path, entries, date):
    """entries: list of (name, bytes|str, stored?)  -> deterministic zip."""
    y, mo, d = (int(x) for x in date.split('-'))
    with zipfile.ZipFile(path, 'w') as zf:
        for name, data, stored in entries:
            if isinstance(data, str):
                data = data.encode('utf-8')
            info = zipfile.ZipInfo(name, date_time=(y, mo, d, 9, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            zf.writestr(info, data, compresslevel=9 if not stored else None)



# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------

PAGE_W, PAGE_H = 595.28, 841.89           # A4 in points
MARGIN_X = 70.87                          # 2.5 cm
BODY_TOP = PAGE_H - 72.0
BODY_BOTTOM = 72.0
GUTTER = 28.35                            # 1 cm
LEADING = 1.3
FONT_NAMES = {'helvetica': ('Helvetica', 'Helvetica-Bold'),
              'times': ('Times-Roman', 'Times-Bold')}
_PDF_SUBST = {'\ufb01': 'fi', '\ufb02': 'fl', '\u2212': '-', '\u2011': '-', '\u00ad': '-'}


def pdf_bytes(text):
    text = ''.join(_PDF_SUBST.get(c, c) for c in text)
    return text.encode('cp1252', errors='replace')


def pdf_string(raw):
    out = bytearray(b'(')
    for b in raw:
        if b in (0x28, 0x29, 0x5c):
            out += b'\\' + bytes([b])
        elif b < 32 or b > 126:
            out += b'\\%03o' % b
        else:
            out.append(b)
    return bytes(out + b')')


def pdf_text_string(s):
    """PDF text string (Info dictionary): UTF-16BE with BOM, hex."""
    return b'<FEFF' + s.encode('utf-16-be').hex().upper().encode() + b'>'


def pdf_date(date):
    return 'D:%s090000+01\'00\'' % date.replace('-', '')


class PdfWriter:
    """Minimal PDF 1.4 object writer."""

    def __init__(self):
        self.objects = []

    def reserve(self):
        self.objects.append(None)
        return len(self.objects)

    def set(self, num, body):
        self.objects[num - 1] = body if isinstance(body, bytes) else body.encode('latin-1')

    def add(self, body):
        num = self.reserve()
        self.set(num, body)
        return num

    def stream(self, data, extra=b'', compress=True):
        if compress:
            data = zlib.compress(data, 9)
            extra += b' /Filter /FlateDecode'
        return self.add(b'<< /Length %d%s >>\nstream\n' % (len(data), extra) + data + b'\nendstream')

    def write(self, path, root, info):
        out = bytearray(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
        offsets = []
        for i, body in enumerate(self.objects):
            offsets.append(len(out))
            out += b'%d 0 obj\n' % (i + 1) + body + b'\nendobj\n'
        xref = len(out)
        out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(self.objects) + 1)
        for off in offsets:
            out += b'%010d 00000 n \n' % off
        fid = hashlib.md5(bytes(out)).hexdigest().upper().encode()
        out += (b'trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\n'
                % (len(self.objects) + 1, root, info, fid, fid))
        out += b'startxref\n%d\n%%%%EOF\n' % xref
        with open(path, 'wb') as f:
            f.write(out)


class Metrics:
    def __init__(self, family):
        fam = 'times' if str(family).lower().startswith('times') else 'helvetica'
        self.family = fam
        self.regular = WIDTHS[fam]
        self.bold = WIDTHS[fam + '-bold']

    def char_w(self, ch, style, size):
        if ch in (SHY, BRK):
            return 0.0
        table = self.bold if style == 'b' else self.regular
        if style == 'sup':
            size = size * 0.65
        w = 0
        for b in pdf_bytes(ch):
            w += table[b - 32] if b >= 32 else 0
        return w * size / 1000.0

    def text_w(self, text, style, size):
        return sum(self.char_w(c, style, size) for c in text)


def runs_to_words(runs, doc, base_style='r'):
    """Split inline runs (deletions dropped) into words and break markers.
    A word is a list of (char, style); a forced break is None."""
    tokens, word = [], []
    for r in runs:
        if 'fn' in r:
            for ch in str(doc.fn_number.get(r['fn'], '?')):
                word.append((ch, 'sup'))
            continue
        if r['change'] == 'del':
            continue
        style = 'b' if (r['bold'] or base_style == 'b') else 'r'
        for ch in r['text']:
            if ch in ' \t\n':
                if word:
                    tokens.append(word)
                    word = []
            elif ch == BRK:
                if word:
                    tokens.append(word)
                    word = []
                tokens.append(None)
            else:
                word.append((ch, style))
    if word:
        tokens.append(word)
    return tokens


def wrap(tokens, width, size, metrics, hyphenate):
    """Greedy line breaking. Returns list of lines; a line is a list of words."""
    space = metrics.char_w(' ', 'r', size)

    def ww(word):
        return sum(metrics.char_w(c, s, size) for c, s in word)

    lines, cur, curw = [], [], 0.0
    for tok in tokens:
        if tok is None:
            if cur:
                lines.append(cur)
            cur, curw = [], 0.0
            continue
        word = tok
        while True:
            sp = space if cur else 0.0
            w = ww(word)
            if curw + sp + w <= width + 0.01:
                cur.append(word)
                curw += sp + w
                break
            shy_pos = [i for i, (c, _) in enumerate(word) if c == SHY]
            split = None
            if hyphenate and shy_pos:
                for p in reversed(shy_pos):
                    head = [x for x in word[:p] if x[0] != SHY]
                    head = head + [('-', head[-1][1] if head else 'r')]
                    if curw + sp + ww(head) <= width + 0.01:
                        split = (head, word[p + 1:])
                        break
            if split:
                cur.append(split[0])
                lines.append(cur)
                cur, curw, word = [], 0.0, split[1]
                continue
            if cur:
                lines.append(cur)
                cur, curw = [], 0.0
                continue
            # a single word wider than the line: cut by characters
            acc, k = 0.0, 0
            while k < len(word) and acc + metrics.char_w(word[k][0], word[k][1], size) <= width:
                acc += metrics.char_w(word[k][0], word[k][1], size)
                k += 1
            k = max(k, 1)
            lines.append([word[:k]])
            word = word[k:]
            if not word:
                break
    if cur:
        lines.append(cur)
    return lines


def line_pieces(line):
    """Merge a line's words into (text, style) pieces, spaces between words."""
    pieces = []

    def put(text, style):
        if pieces and pieces[-1][1] == style:
            pieces[-1] = (pieces[-1][0] + text, style)
        else:
            pieces.append((text, style))

    for i, word in enumerate(line):
        if i:
            prev = line[i - 1][-1][1]
            put(' ', 'r' if prev == 'sup' else prev)
        for c, s in word:
            if c not in (SHY, BRK):
                put(c, s)
    return pieces


class PdfLayout:
    def __init__(self, doc):
        self.doc = doc
        lay = doc.layout
        self.m = Metrics(lay.get('font', 'helvetica'))
        self.size = float(lay.get('font_size', 11))
        self.ncols = 2 if int(lay.get('columns', 1)) == 2 else 1
        self.hyph = bool(lay.get('hyphenate', False))
        self.full_w = PAGE_W - 2 * MARGIN_X
        self.col_w = (self.full_w - GUTTER) / 2 if self.ncols == 2 else self.full_w
        self.fn_size = 9.0
        self._fn_cache = {}

    # ---- block -> boxes --------------------------------------------------
    def text_lines(self, runs, width, size, style='r'):
        words = runs_to_words(runs, self.doc, style)
        return wrap(words, width, size, self.m, self.hyph)

    @staticmethod
    def fns_in(line):
        out, num = [], ''
        for word in line:
            for c, s in word:
                if s == 'sup':
                    num += c
                elif num:
                    out.append(int(num))
                    num = ''
            if num:
                out.append(int(num))
                num = ''
        return out

    def line_box(self, line, size, x_off=0.0, label=None):
        return {'kind': 'line', 'h': size * LEADING, 'size': size, 'x': x_off,
                'pieces': line_pieces(line), 'label': label, 'fns': self.fns_in(line)}

    def block_boxes(self, block, width):
        t, size = block['type'], self.size
        boxes = []
        if t == 'heading':
            lvl = block['level']
            hsize = {1: 16.0, 2: 13.0}.get(lvl, size)
            boxes.append({'kind': 'gap', 'h': {1: 14.0, 2: 10.0}.get(lvl, 8.0)})
            lines = self.text_lines(block['runs'], width, hsize, 'b')
            for ln in lines:
                b = self.line_box(ln, hsize)
                b['keep'] = True
                boxes.append(b)
            boxes.append({'kind': 'gap', 'h': 4.0})
        elif t == 'para':
            for ln in self.text_lines(block['runs'], width, size):
                boxes.append(self.line_box(ln, size))
            boxes.append({'kind': 'gap', 'h': 6.0})
        elif t == 'list':
            indent = 20.0
            for n, item in enumerate(block['items'], 1):
                label = '\u2022' if block['kind'] == 'bullet' else '%d.' % n
                lab_x = 6.0 if block['kind'] == 'bullet' else 2.0
                for k, ln in enumerate(self.text_lines(item, width - indent, size)):
                    boxes.append(self.line_box(ln, size, indent, (lab_x, label) if k == 0 else None))
                boxes.append({'kind': 'gap', 'h': 2.0})
            boxes.append({'kind': 'gap', 'h': 6.0})
        elif t == 'table':
            ncol = max(len(r) for r in block['rows'])
            cw = width / ncol
            for ri, row in enumerate(block['rows']):
                cells, hmax = [], 0.0
                for ci, cell in enumerate(row):
                    lines = self.text_lines(cell, cw - 8.0, size, 'b' if ri == 0 else 'r')
                    cells.append((ci * cw, [line_pieces(ln) for ln in lines]))
                    hmax = max(hmax, len(lines) * size * LEADING)
                boxes.append({'kind': 'row', 'h': hmax + 4.0, 'size': size, 'cells': cells,
                              'fns': [f for c in row for ln in self.text_lines(c, cw - 8.0, size)
                                      for f in self.fns_in(ln)]})
            boxes.append({'kind': 'gap', 'h': 8.0})
        return boxes

    def fn_lines(self, n, width):
        key = (n, width)
        if key not in self._fn_cache:
            runs = [{'text': '%d ' % n, 'bold': False, 'change': None}] + self.doc.fn_text[n]
            self._fn_cache[key] = self.text_lines(runs, width, self.fn_size)
        return self._fn_cache[key]

    def fn_height(self, nums, width):
        if not nums:
            return 0.0
        return 10.0 + sum(len(self.fn_lines(n, width)) for n in nums) * self.fn_size * LEADING

    # ---- placement -------------------------------------------------------
    def run(self):
        doc = self.doc
        self.pages = []
        self.new_page()
        items = []   # (span, box)
        if doc.layout.get('show_title', True) and doc.title:
            for ln in wrap(runs_to_words(parse_inline(doc.title), doc, 'b'), self.full_w, 18.0,
                           self.m, False):
                items.append((True, self.line_box(ln, 18.0)))
            items.append((True, {'kind': 'gap', 'h': 10.0}))
        for block in doc.blocks:
            if block['type'] == 'pagebreak':
                items.append((True, {'kind': 'pagebreak', 'h': 0}))
                continue
            if block['type'] == 'colbreak':
                items.append((self.ncols == 1, {'kind': 'pagebreak' if self.ncols == 1 else 'colbreak',
                                                'h': 0}))
                continue
            span = self.ncols == 1 or block['front'] or (
                block['type'] == 'heading' and block['level'] == 1)
            for box in self.block_boxes(block, self.full_w if span else self.col_w):
                items.append((span, box))
        # keep-with-next: height of the next real box
        for i, (span, box) in enumerate(items):
            if box.get('keep'):
                nxt = next((b for _, b in items[i + 1:] if b['kind'] in ('line', 'row')), None)
                box['keep_h'] = nxt['h'] if nxt else 0.0
        for span, box in items:
            self.place(span, box)
        return self.pages

    def new_page(self):
        self.page = {'boxes': [], 'col_fn': [[] for _ in range(self.ncols)]}
        self.pages.append(self.page)
        self.region_top = BODY_TOP
        self.col = 0
        self.col_y = [BODY_TOP] * self.ncols
        self.col_used = [False] * self.ncols

    def page_empty(self):
        return not self.page['boxes']

    def bottom(self, c, extra=()):
        nums = self.page['col_fn'][c] + list(extra)
        return BODY_BOTTOM + self.fn_height(nums, self.col_w)

    def place(self, span, box):
        kind = box['kind']
        if kind == 'pagebreak':
            if not self.page_empty():
                self.new_page()
            return
        need = box['h'] + box.get('keep_h', 0.0)
        fns = box.get('fns', [])
        if span:
            y = min(self.col_y)
            bottoms = max(self.bottom(c, fns if c == 0 else ()) for c in range(self.ncols))
            if kind == 'gap':
                if not self.page_empty() and y - box['h'] >= bottoms:
                    self.region_top = y - box['h']
                    self.col_y = [self.region_top] * self.ncols
                    self.col = 0
                return
            if y - need < bottoms and not self.page_empty():
                self.new_page()
                y = BODY_TOP
            self.page['boxes'].append((MARGIN_X, y, box))
            self.page['col_fn'][0].extend(fns)
            self.region_top = y - box['h']
            self.col_y = [self.region_top] * self.ncols
            self.col_used = [False] * self.ncols
            self.col = 0
            return
        if kind == 'colbreak':
            if self.col + 1 < self.ncols:
                self.col += 1
            else:
                self.new_page()
            return
        while True:
            c = self.col
            y = self.col_y[c]
            if kind == 'gap':
                if self.col_used[c] and y - box['h'] >= self.bottom(c):
                    self.col_y[c] = y - box['h']
                return
            fits = y - need >= self.bottom(c, fns)
            fresh = y == self.region_top and not self.col_used[c]
            if fits or (fresh and y == BODY_TOP):
                x = MARGIN_X + c * (self.col_w + GUTTER)
                self.page['boxes'].append((x, y, box))
                self.page['col_fn'][c].extend(fns)
                self.col_y[c] = y - box['h']
                self.col_used[c] = True
                return
            if c + 1 < self.ncols:
                self.col = c + 1
            else:
                self.new_page()

    # ---- rendering -------------------------------------------------------
    def render(self, path):
        pages = self.run()
        doc, lay = self.doc, self.doc.layout
        reg, bold = FONT_NAMES[self.m.family]
        w = PdfWriter()
        catalog = w.reserve()
        pages_obj = w.reserve()
        info = w.add(b'<< /Title ' + pdf_text_string(doc.title) + b' /Author '
                     + pdf_text_string(doc.author) + b' /Creator ' + pdf_text_string('Styrkoll docgen')
                     + b' /Producer ' + pdf_text_string('Styrkoll docgen')
                     + b' /CreationDate ' + pdf_text_string(pdf_date(doc.created))
                     + b' /ModDate ' + pdf_text_string(pdf_date(doc.modified)) + b' >>')
        f1 = w.add('<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>' % reg)
        f2 = w.add('<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>' % bold)
        resources = '<< /Font << /F1 %d 0 R /F2 %d 0 R >> /ProcSet [/PDF /Text] >>' % (f1, f2)
        kids = []
        total = len(pages)
        for pno, page in enumerate(pages, 1):
            ops = []
            header = lay.get('header')
            if header:
                ops.append(self.text_op(MARGIN_X, PAGE_H - 42.0, [(self.fill(header, pno, total), 'r')], 9.0))
            for x, ytop, box in page['boxes']:
                ops.extend(self.box_ops(x, ytop, box))
            for c, nums in enumerate(page['col_fn']):
                if nums:
                    ops.extend(self.footnote_ops(c, nums))
            footer = lay.get('footer')
            if footer:
                text = self.fill(footer, pno, total)
                tw = self.m.text_w(text, 'r', 9.0)
                ops.append(self.text_op((PAGE_W - tw) / 2, 40.0, [(text, 'r')], 9.0))
            content = w.stream(b'\n'.join(ops) + b'\n')
            kids.append(w.add('<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] '
                              '/Resources %s /Contents %d 0 R >>'
                              % (pages_obj, PAGE_W, PAGE_H, resources, content)))
        w.set(pages_obj, '<< /Type /Pages /Kids [%s] /Count %d >>'
              % (' '.join('%d 0 R' % k for k in kids), len(kids)))
        w.set(catalog, '<< /Type /Catalog /Pages %d 0 R >>' % pages_obj)
        w.write(path, catalog, info)
        return total

    def fill(self, template, pno, total):
        return (str(template).replace('{page}', str(pno)).replace('{pages}', str(total))
                .replace('{title}', self.doc.title))

    def text_op(self, x, y, pieces, size, label=None):
        parts = [b'BT']
        cur = None
        if label:
            lx, ltext = label
            parts.append(b'/F1 %.1f Tf' % size)
            cur = ('r', size)
            parts.append(b'1 0 0 1 %.2f %.2f Tm' % (lx, y))
            parts.append(pdf_string(pdf_bytes(ltext)) + b' Tj')
        parts.append(b'1 0 0 1 %.2f %.2f Tm' % (x, y))
        for text, style in pieces:
            fsize = size * 0.65 if style == 'sup' else size
            font = b'/F2' if style == 'b' else b'/F1'
            if cur != (style, fsize):
                parts.append(font + b' %.1f Tf' % fsize)
                cur = (style, fsize)
            if style == 'sup':
                parts.append(b'%.2f Ts ' % (size * 0.35) + pdf_string(pdf_bytes(text)) + b' Tj 0 Ts')
            else:
                parts.append(pdf_string(pdf_bytes(text)) + b' Tj')
        parts.append(b'ET')
        return b' '.join(parts)

    def box_ops(self, x, ytop, box):
        if box['kind'] == 'line':
            base = ytop - box['size']
            label = (x + box['label'][0], box['label'][1]) if box.get('label') else None
            return [self.text_op(x + box['x'], base, box['pieces'], box['size'], label)]
        if box['kind'] == 'row':
            ops = []
            for cx, lines in box['cells']:
                for k, pieces in enumerate(lines):
                    base = ytop - 2.0 - box['size'] - k * box['size'] * LEADING
                    ops.append(self.text_op(x + cx + 2.0, base, pieces, box['size']))
            return ops
        return []

    def footnote_ops(self, c, nums):
        x = MARGIN_X + c * (self.col_w + GUTTER)
        h = self.fn_height(nums, self.col_w)
        top = BODY_BOTTOM + h
        ops = [b'0.5 w %.2f %.2f m %.2f %.2f l S' % (x, top - 3.0, x + 60.0, top - 3.0)]
        y = top - 10.0
        for n in nums:
            for ln in self.fn_lines(n, self.col_w):
                ops.append(self.text_op(x, y - self.fn_size, line_pieces(ln), self.fn_size))
                y -= self.fn_size * LEADING
        return ops


def write_pdf(doc, path):
    return PdfLayout(doc).render(path)


def page_count(doc):
    return len(PdfLayout(doc).run())



# ---------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------

W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# (styleId, type, name, basedOn, pPr, rPr) - Swedish style ids as Word writes them
DOCX_BASE_STYLES = [
    ('Normal', 'paragraph', 'Normal', None, '<w:spacing w:after="120"/>', ''),
    ('Brdtext', 'paragraph', 'Body Text', 'Normal', '', ''),
    ('Rubrik', 'paragraph', 'Title', 'Normal', '<w:spacing w:after="240"/>',
     '<w:b/><w:sz w:val="40"/>'),
    ('Liststycke', 'paragraph', 'List Paragraph', 'Normal', '<w:ind w:left="720"/>', ''),
    ('Fotnotstext', 'paragraph', 'footnote text', 'Normal', '', '<w:sz w:val="18"/>'),
    ('Sidhuvud', 'paragraph', 'header', 'Normal', '', '<w:sz w:val="18"/>'),
    ('Sidfot', 'paragraph', 'footer', 'Normal', '<w:jc w:val="center"/>', '<w:sz w:val="18"/>'),
    ('Standardstycketeckensnitt', 'character', 'Default Paragraph Font', None, '', ''),
    ('Fotnotsreferens', 'character', 'footnote reference', None, '',
     '<w:vertAlign w:val="superscript"/>'),
]
HEADING_SZ = {1: 32, 2: 26}


def docx_heading_styles(doc):
    custom = doc.meta.get('docx_heading_style_ids')
    styles = []
    if custom:
        for i, sid in enumerate(custom):
            name = 'Min rubrik' if i == 0 else 'Min rubrik %d' % (i + 1)
            styles.append((sid, 'paragraph', name, 'Normal' if i == 0 else custom[0],
                           '<w:keepNext/><w:outlineLvl w:val="%d"/>' % i,
                           '<w:b/><w:sz w:val="%d"/>' % HEADING_SZ.get(i + 1, 22)))
    else:
        for lvl in range(1, 7):
            styles.append(('Rubrik%d' % lvl, 'paragraph', 'heading %d' % lvl, 'Normal',
                           '<w:keepNext/><w:spacing w:before="240" w:after="60"/>'
                           '<w:outlineLvl w:val="%d"/>' % (lvl - 1),
                           '<w:b/><w:sz w:val="%d"/>' % HEADING_SZ.get(lvl, 22)))
    return styles


def docx_heading_id(doc, level):
    custom = doc.meta.get('docx_heading_style_ids')
    if custom:
        return custom[min(level, len(custom)) - 1]
    return 'Rubrik%d' % level


def docx_styles(doc):
    out = [XML_DECL, '<w:styles %s>' % W_NS,
           '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/>'
           '<w:sz w:val="22"/><w:lang w:val="sv-SE"/></w:rPr></w:rPrDefault>'
           '<w:pPrDefault><w:pPr/></w:pPrDefault></w:docDefaults>']
    for sid, typ, name, based, ppr, rpr in DOCX_BASE_STYLES + docx_heading_styles(doc):
        default = ' w:default="1"' if sid in ('Normal', 'Standardstycketeckensnitt') else ''
        out.append('<w:style w:type="%s"%s w:styleId="%s"><w:name w:val="%s"/>'
                   % (typ, default, sid, name))
        if based:
            out.append('<w:basedOn w:val="%s"/>' % based)
        if typ == 'paragraph' and sid.startswith(('Rubrik', 'Min')) and sid != 'Rubrik':
            out.append('<w:next w:val="Brdtext"/>')
        out.append('<w:qFormat/>' if typ == 'paragraph' else '')
        if ppr:
            out.append('<w:pPr>%s</w:pPr>' % ppr)
        if rpr:
            out.append('<w:rPr>%s</w:rPr>' % rpr)
        out.append('</w:style>')
    out.append('<w:style w:type="table" w:default="1" w:styleId="Normaltabell">'
               '<w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
               '<w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
               '</w:tblCellMar></w:tblPr></w:style>')
    out.append('<w:style w:type="table" w:styleId="Tabellrutnt"><w:name w:val="Table Grid"/>'
               '<w:basedOn w:val="Normaltabell"/><w:tblPr><w:tblBorders>'
               + ''.join('<w:%s w:val="single" w:sz="4" w:space="0" w:color="auto"/>' % e
                         for e in ('top', 'left', 'bottom', 'right', 'insideH', 'insideV'))
               + '</w:tblBorders></w:tblPr></w:style>')
    out.append('</w:styles>')
    return ''.join(out)


class DocxBuilder:
    def __init__(self, doc):
        self.doc = doc
        self.change_id = 0
        self.nums = []   # list of (numId, abstractId)
        self.date = iso_datetime(doc.modified)

    def t(self, text, tag='w:t'):
        return '<%s xml:space="preserve">%s</%s>' % (tag, xml_escape(clean(text)), tag)

    def runs(self, runs, bold=False):
        out = []
        for r in runs:
            if 'fn' in r:
                out.append('<w:r><w:rPr><w:rStyle w:val="Fotnotsreferens"/></w:rPr>'
                           '<w:footnoteReference w:id="%d"/></w:r>' % self.doc.fn_number[r['fn']])
                continue
            rpr = '<w:rPr><w:b/></w:rPr>' if (r['bold'] or bold) else ''
            if r['change'] == 'del':
                self.change_id += 1
                out.append('<w:del w:id="%d" w:author="%s" w:date="%s"><w:r>%s%s</w:r></w:del>'
                           % (self.change_id, xml_escape(self.doc.author), self.date, rpr,
                              self.t(r['text'], 'w:delText')))
            elif r['change'] == 'ins':
                self.change_id += 1
                out.append('<w:ins w:id="%d" w:author="%s" w:date="%s"><w:r>%s%s</w:r></w:ins>'
                           % (self.change_id, xml_escape(self.doc.author), self.date, rpr,
                              self.t(r['text'])))
            else:
                out.append('<w:r>%s%s</w:r>' % (rpr, self.t(r['text'])))
        return ''.join(out)

    def para(self, style, runs, extra_ppr='', bold=False, page_break=False):
        ppr = '<w:pStyle w:val="%s"/>' % style if style else ''
        if page_break:
            ppr += '<w:pageBreakBefore/>'
        ppr += extra_ppr
        return '<w:p>%s%s</w:p>' % ('<w:pPr>%s</w:pPr>' % ppr if ppr else '', self.runs(runs, bold))

    def body(self):
        doc, out, pb = self.doc, [], False
        if doc.title:
            out.append(self.para('Rubrik', parse_inline(doc.title)))
        for b in doc.blocks:
            t = b['type']
            if t == 'pagebreak':
                pb = True
                continue
            if t == 'colbreak':
                continue
            if t == 'heading':
                out.append(self.para(docx_heading_id(doc, b['level']), b['runs'], page_break=pb))
            elif t == 'para':
                out.append(self.para('Brdtext', b['runs'], page_break=pb))
            elif t == 'list':
                if b['kind'] == 'bullet':
                    num_id = 1
                    if not any(a == 0 for _, a in self.nums):
                        self.nums.append((1, 0))
                else:
                    num_id = len(self.nums) + 2
                    self.nums.append((num_id, 1))
                for k, item in enumerate(b['items']):
                    out.append(self.para('Liststycke', item,
                                         '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr>'
                                         % num_id, page_break=pb and k == 0))
            elif t == 'table':
                if pb:
                    out.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
                out.append(self.table(b['rows']))
            pb = False
        out.append('<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/>'
                   '<w:footerReference w:type="default" r:id="rIdFooter1"/>'
                   '<w:footnotePr><w:numFmt w:val="decimal"/></w:footnotePr>'
                   '<w:pgSz w:w="11906" w:h="16838"/>'
                   '<w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" '
                   'w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>')
        return ''.join(out)

    def table(self, rows):
        ncol = max(len(r) for r in rows)
        cw = 9070 // ncol
        out = ['<w:tbl><w:tblPr><w:tblStyle w:val="Tabellrutnt"/><w:tblW w:w="%d" w:type="dxa"/>'
               '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
               'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>' % (cw * ncol)]
        out.append(''.join('<w:gridCol w:w="%d"/>' % cw for _ in range(ncol)) + '</w:tblGrid>')
        for ri, row in enumerate(rows):
            out.append('<w:tr>' + ('<w:trPr><w:tblHeader/></w:trPr>' if ri == 0 else ''))
            for cell in row:
                out.append('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>'
                           % (cw, self.para(None, cell, bold=(ri == 0))))
            out.append('</w:tr>')
        out.append('</w:tbl>')
        return ''.join(out)

    def footnotes(self):
        out = [XML_DECL, '<w:footnotes %s>' % W_NS,
               '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
               '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
               '<w:continuationSeparator/></w:r></w:p></w:footnote>']
        for n, runs in self.doc.footnotes():
            out.append('<w:footnote w:id="%d"><w:p><w:pPr><w:pStyle w:val="Fotnotstext"/></w:pPr>'
                       '<w:r><w:rPr><w:rStyle w:val="Fotnotsreferens"/></w:rPr><w:footnoteRef/></w:r>'
                       '<w:r><w:t xml:space="preserve"> </w:t></w:r>%s</w:p></w:footnote>'
                       % (n, self.runs(runs)))
        out.append('</w:footnotes>')
        return ''.join(out)

    def numbering(self):
        out = [XML_DECL, '<w:numbering %s>' % W_NS,
               '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>'
               '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
               '<w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>'
               '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr>'
               '<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl>'
               '</w:abstractNum>',
               '<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>'
               '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
               '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
               '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>']
        nums = self.nums or [(1, 0)]
        for num_id, abstract in nums:
            over = ('<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                    if abstract == 1 else '')
            out.append('<w:num w:numId="%d"><w:abstractNumId w:val="%d"/>%s</w:num>'
                       % (num_id, abstract, over))
        out.append('</w:numbering>')
        return ''.join(out)

    def header_footer(self, tag, style, template, pages):
        if not template:
            return XML_DECL + '<w:%s %s><w:p><w:pPr><w:pStyle w:val="%s"/></w:pPr></w:p></w:%s>' % (
                tag, W_NS, style, tag)
        parts = re.split(r'(\{page\}|\{pages\})', str(template))
        runs = []
        for p in parts:
            if p == '{page}':
                runs.append('<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
            elif p == '{pages}':
                runs.append('<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>%d</w:t></w:r></w:fldSimple>'
                            % pages)
            elif p:
                runs.append('<w:r>%s</w:r>' % self.t(p.replace('{title}', self.doc.title)))
        return XML_DECL + '<w:%s %s><w:p><w:pPr><w:pStyle w:val="%s"/></w:pPr>%s</w:p></w:%s>' % (
            tag, W_NS, style, ''.join(runs), tag)


def docx_core(doc):
    return (XML_DECL + '<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:title>%s</dc:title><dc:creator>%s</dc:creator>'
            '<cp:lastModifiedBy>%s</cp:lastModifiedBy><cp:revision>2</cp:revision>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified>'
            '<dc:language>sv-SE</dc:language></cp:coreProperties>'
            % (xml_escape(doc.title), xml_escape(doc.author), xml_escape(doc.author),
               iso_datetime(doc.created), iso_datetime(doc.modified)))


def word_count(doc):
    return sum(len(plain(r).split()) for r in doc.all_inlines())


def docx_app(doc, pages):
    return (XML_DECL + '<Properties '
            'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            '<Template>Normal.dotm</Template><TotalTime>0</TotalTime><Pages>%d</Pages>'
            '<Words>%d</Words><Application>Styrkoll docgen</Application><DocSecurity>0</DocSecurity>'
            '<AppVersion>1.0</AppVersion></Properties>' % (pages, word_count(doc)))


DOCX_CONTENT_TYPES = (
    XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    '</Types>')

DOCX_ROOT_RELS = (
    XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    '</Relationships>')

DOCX_DOC_RELS = (
    XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    '<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
    '<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
    '<Relationship Id="rIdHeader1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
    '<Relationship Id="rIdFooter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
    '</Relationships>')

DOCX_SETTINGS = (
    XML_DECL + '<w:settings %s><w:defaultTabStop w:val="1304"/>'
    '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="sv-SE"/></w:settings>' % W_NS)


def write_docx(doc, path):
    pages = page_count(doc)
    b = DocxBuilder(doc)
    body = b.body()
    document = XML_DECL + '<w:document %s><w:body>%s</w:body></w:document>' % (W_NS, body)
    lay = doc.layout
    entries = [
        ('[Content_Types].xml', DOCX_CONTENT_TYPES, False),
        ('_rels/.rels', DOCX_ROOT_RELS, False),
        ('docProps/core.xml', docx_core(doc), False),
        ('docProps/app.xml', docx_app(doc, pages), False),
        ('word/_rels/document.xml.rels', DOCX_DOC_RELS, False),
        ('word/document.xml', document, False),
        ('word/styles.xml', docx_styles(doc), False),
        ('word/settings.xml', DOCX_SETTINGS, False),
        ('word/numbering.xml', b.numbering(), False),
        ('word/footnotes.xml', b.footnotes(), False),
        ('word/header1.xml', b.header_footer('hdr', 'Sidhuvud', lay.get('header'), pages), False),
        ('word/footer1.xml', b.header_footer('ftr', 'Sidfot', lay.get('footer'), pages), False),
    ]
    zip_write(path, entries, doc.modified)



# ---------------------------------------------------------------------------
# ODT
# ---------------------------------------------------------------------------

ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:xlink="http://www.w3.org/1999/xlink"')
ODT_XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'


class OdtBuilder:
    def __init__(self, doc):
        self.doc = doc
        self.changes = []      # (id, kind, text)
        self.pb_styles = {}    # parent style -> automatic style with page break

    def text(self, s):
        return xml_escape(clean(s))

    def change_info(self):
        return ('<office:change-info><dc:creator>%s</dc:creator><dc:date>%s</dc:date>'
                '</office:change-info>' % (xml_escape(self.doc.author),
                                           iso_datetime(self.doc.modified)[:-1]))

    def runs(self, runs, bold=False):
        out = []
        for r in runs:
            if 'fn' in r:
                n = self.doc.fn_number[r['fn']]
                out.append('<text:note text:id="ftn%d" text:note-class="footnote">'
                           '<text:note-citation>%d</text:note-citation><text:note-body>'
                           '<text:p text:style-name="Footnote">%s</text:p></text:note-body></text:note>'
                           % (n, n, self.runs(self.doc.fn_text[n])))
                continue
            body = self.text(r['text'])
            if r['bold'] and not bold:
                body = '<text:span text:style-name="T1">%s</text:span>' % body
            if r['change'] == 'del':
                cid = 'ct%d' % (len(self.changes) + 1)
                self.changes.append((cid, 'deletion', clean(r['text'])))
                out.append('<text:change text:change-id="%s"/>' % cid)
            elif r['change'] == 'ins':
                cid = 'ct%d' % (len(self.changes) + 1)
                self.changes.append((cid, 'insertion', None))
                out.append('<text:change-start text:change-id="%s"/>%s<text:change-end text:change-id="%s"/>'
                           % (cid, body, cid))
            else:
                out.append(body)
        return ''.join(out)

    def style(self, name, pb):
        if not pb:
            return name
        return self.pb_styles.setdefault(name, 'PB%d' % (len(self.pb_styles) + 1))

    def body(self):
        doc, out, pb, tno, lno = self.doc, [], False, 0, 0
        if doc.title:
            out.append('<text:p text:style-name="Title">%s</text:p>' % self.runs(parse_inline(doc.title)))
        for b in doc.blocks:
            t = b['type']
            if t == 'pagebreak':
                pb = True
                continue
            if t == 'colbreak':
                continue
            if t == 'heading':
                lvl = b['level']
                out.append('<text:h text:style-name="%s" text:outline-level="%d">%s</text:h>'
                           % (self.style('Heading_20_%d' % lvl, pb), lvl, self.runs(b['runs'])))
            elif t == 'para':
                out.append('<text:p text:style-name="%s">%s</text:p>'
                           % (self.style('Text_20_body', pb), self.runs(b['runs'])))
            elif t == 'list':
                lno += 1
                out.append('<text:list xml:id="list%d" text:style-name="%s">'
                           % (lno, 'L1' if b['kind'] == 'bullet' else 'L2'))
                for k, item in enumerate(b['items']):
                    out.append('<text:list-item><text:p text:style-name="%s">%s</text:p></text:list-item>'
                               % (self.style('List_20_Paragraph', pb and k == 0), self.runs(item)))
                out.append('</text:list>')
            elif t == 'table':
                if pb:
                    out.append('<text:p text:style-name="%s"/>' % self.style('Standard', True))
                tno += 1
                ncol = max(len(r) for r in b['rows'])
                out.append('<table:table table:name="Tabell%d"><table:table-column '
                           'table:number-columns-repeated="%d"/>' % (tno, ncol))
                for ri, row in enumerate(b['rows']):
                    if ri == 0:
                        out.append('<table:table-header-rows>')
                    out.append('<table:table-row>')
                    for cell in row:
                        out.append('<table:table-cell office:value-type="string"><text:p '
                                   'text:style-name="%s">%s</text:p></table:table-cell>'
                                   % ('Table_20_Heading' if ri == 0 else 'Table_20_Contents',
                                      self.runs(cell)))
                    out.append('</table:table-row>')
                    if ri == 0:
                        out.append('</table:table-header-rows>')
                out.append('</table:table>')
            pb = False
        return ''.join(out)

    def content(self):
        body = self.body()
        tracked = ''
        if self.changes:
            regions = []
            for cid, kind, text in self.changes:
                if kind == 'insertion':
                    regions.append('<text:changed-region xml:id="%s" text:id="%s"><text:insertion>%s'
                                   '</text:insertion></text:changed-region>' % (cid, cid, self.change_info()))
                else:
                    regions.append('<text:changed-region xml:id="%s" text:id="%s"><text:deletion>%s'
                                   '<text:p>%s</text:p></text:deletion></text:changed-region>'
                                   % (cid, cid, self.change_info(), xml_escape(text)))
            tracked = '<text:tracked-changes text:track-changes="false">%s</text:tracked-changes>' % ''.join(regions)
        auto = ['<style:style style:name="T1" style:family="text"><style:text-properties '
                'fo:font-weight="bold"/></style:style>']
        for parent, name in self.pb_styles.items():
            auto.append('<style:style style:name="%s" style:family="paragraph" style:parent-style-name="%s">'
                        '<style:paragraph-properties fo:break-before="page"/></style:style>' % (name, parent))
        auto.append('<text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" '
                    'text:bullet-char="\u2022"><style:list-level-properties '
                    'text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment '
                    'text:label-followed-by="listtab" fo:text-indent="-0.635cm" fo:margin-left="1.27cm"/>'
                    '</style:list-level-properties></text:list-level-style-bullet></text:list-style>')
        auto.append('<text:list-style style:name="L2"><text:list-level-style-number text:level="1" '
                    'style:num-suffix="." style:num-format="1"><style:list-level-properties '
                    'text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment '
                    'text:label-followed-by="listtab" fo:text-indent="-0.635cm" fo:margin-left="1.27cm"/>'
                    '</style:list-level-properties></text:list-level-style-number></text:list-style>')
        return (ODT_XML_DECL + '<office:document-content %s office:version="1.3">'
                '<office:automatic-styles>%s</office:automatic-styles><office:body><office:text>'
                '%s%s</office:text></office:body></office:document-content>'
                % (ODF_NS, ''.join(auto), tracked, body))


def odt_styles(doc, pages):
    para = []

    def pstyle(name, display, parent=None, cls='text', props='', tprops='', extra=''):
        para.append('<style:style style:name="%s" style:display-name="%s" style:family="paragraph"%s '
                    'style:class="%s"%s>%s%s</style:style>'
                    % (name, display, ' style:parent-style-name="%s"' % parent if parent else '',
                       cls, extra,
                       '<style:paragraph-properties %s/>' % props if props else '',
                       '<style:text-properties %s/>' % tprops if tprops else ''))

    pstyle('Standard', 'Standard')
    pstyle('Heading', 'Heading', 'Standard', props='fo:margin-top="0.423cm" fo:margin-bottom="0.212cm" '
           'fo:keep-with-next="always"', extra=' style:next-style-name="Text_20_body"')
    pstyle('Text_20_body', 'Text body', 'Standard', props='fo:margin-top="0cm" fo:margin-bottom="0.247cm"')
    pstyle('Title', 'Title', 'Heading', 'chapter', tprops='fo:font-size="20pt" fo:font-weight="bold"')
    sizes = {1: '16pt', 2: '13pt'}
    for lvl in range(1, 7):
        pstyle('Heading_20_%d' % lvl, 'Heading %d' % lvl, 'Heading',
               tprops='fo:font-size="%s" fo:font-weight="bold"' % sizes.get(lvl, '11pt'),
               extra=' style:default-outline-level="%d"' % lvl)
    pstyle('List_20_Paragraph', 'List Paragraph', 'Standard', 'list')
    pstyle('Footnote', 'Footnote', 'Standard', 'extra', tprops='fo:font-size="9pt"')
    pstyle('Header', 'Header', 'Standard', 'extra', tprops='fo:font-size="9pt"')
    pstyle('Footer', 'Footer', 'Standard', 'extra', props='fo:text-align="center"',
           tprops='fo:font-size="9pt"')
    pstyle('Table_20_Contents', 'Table Contents', 'Standard', 'extra')
    pstyle('Table_20_Heading', 'Table Heading', 'Table_20_Contents', 'extra',
           tprops='fo:font-weight="bold"')

    def hf(template):
        if not template:
            return ''
        out = []
        for p in re.split(r'(\{page\}|\{pages\})', str(template)):
            if p == '{page}':
                out.append('<text:page-number text:select-page="current">1</text:page-number>')
            elif p == '{pages}':
                out.append('<text:page-count>%d</text:page-count>' % pages)
            elif p:
                out.append(xml_escape(p.replace('{title}', doc.title)))
        return ''.join(out)

    lay = doc.layout
    header = ('<style:header><text:p text:style-name="Header">%s</text:p></style:header>'
              % hf(lay.get('header'))) if lay.get('header') else ''
    footer = ('<style:footer><text:p text:style-name="Footer">%s</text:p></style:footer>'
              % hf(lay.get('footer'))) if lay.get('footer') else ''
    return (ODT_XML_DECL + '<office:document-styles %s office:version="1.3"><office:styles>'
            '<style:default-style style:family="paragraph"><style:text-properties '
            'style:font-name="Liberation Serif" fo:font-size="11pt" fo:language="sv" fo:country="SE"/>'
            '</style:default-style>%s</office:styles><office:automatic-styles>'
            '<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21.001cm" '
            'fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="2cm" '
            'fo:margin-bottom="2cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>'
            '<style:header-style/><style:footer-style/></style:page-layout></office:automatic-styles>'
            '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">'
            '%s%s</style:master-page></office:master-styles></office:document-styles>'
            % (ODF_NS, ''.join(para), header, footer))


def odt_meta(doc, pages):
    paras = sum(1 for b in doc.blocks if b['type'] in ('heading', 'para'))
    return (ODT_XML_DECL + '<office:document-meta %s office:version="1.3"><office:meta>'
            '<meta:generator>Styrkoll docgen</meta:generator><dc:title>%s</dc:title>'
            '<meta:initial-creator>%s</meta:initial-creator><dc:creator>%s</dc:creator>'
            '<meta:creation-date>%s</meta:creation-date><dc:date>%s</dc:date>'
            '<dc:language>sv-SE</dc:language>'
            '<meta:document-statistic meta:page-count="%d" meta:paragraph-count="%d" '
            'meta:word-count="%d"/></office:meta></office:document-meta>'
            % (ODF_NS, xml_escape(doc.title), xml_escape(doc.author), xml_escape(doc.author),
               iso_datetime(doc.created)[:-1], iso_datetime(doc.modified)[:-1], pages, paras,
               word_count(doc)))


ODT_MANIFEST = (
    ODT_XML_DECL + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
    'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
    '</manifest:manifest>')


def write_odt(doc, path):
    pages = page_count(doc)
    content = OdtBuilder(doc).content()
    zip_write(path, [
        ('mimetype', 'application/vnd.oasis.opendocument.text', True),
        ('META-INF/manifest.xml', ODT_MANIFEST, False),
        ('content.xml', content, False),
        ('styles.xml', odt_styles(doc, pages), False),
        ('meta.xml', odt_meta(doc, pages), False),
    ], doc.modified)


# ---------------------------------------------------------------------------
# Markdown, plain text, HTML
# ---------------------------------------------------------------------------

def inline_text(doc, runs, fmt):
    out = []
    for r in runs:
        if 'fn' in r:
            n = doc.fn_number[r['fn']]
            out.append({'md': '[^%d]', 'txt': '[%d]',
                        'html': '<sup><a href="#fn%d">%%d</a></sup>' % n}[fmt] % n)
            continue
        if r['change'] == 'del':
            continue
        text = clean(r['text'])
        if fmt == 'html':
            text = xml_escape(text)
            if r['bold']:
                text = '<strong>%s</strong>' % text
        elif fmt == 'md' and r['bold']:
            text = '**%s**' % text
        out.append(text)
    return ''.join(out)


def write_md(doc, path):
    out = ['---', 'title: "%s"' % doc.title.replace('"', '\\"'),
           'author: "%s"' % doc.author.replace('"', '\\"'), '---', '']
    for b in doc.blocks:
        t = b['type']
        if t == 'heading':
            out += ['#' * b['level'] + ' ' + inline_text(doc, b['runs'], 'md'), '']
        elif t == 'para':
            out += [inline_text(doc, b['runs'], 'md'), '']
        elif t == 'list':
            for k, item in enumerate(b['items'], 1):
                out.append(('- ' if b['kind'] == 'bullet' else '%d. ' % k) + inline_text(doc, item, 'md'))
            out.append('')
        elif t == 'table':
            for ri, row in enumerate(b['rows']):
                out.append('| ' + ' | '.join(inline_text(doc, c, 'md') for c in row) + ' |')
                if ri == 0:
                    out.append('|' + '|'.join('---' for _ in row) + '|')
            out.append('')
    for n, runs in doc.footnotes():
        out.append('[^%d]: %s' % (n, inline_text(doc, runs, 'md')))
    if doc.fn_text:
        out.append('')
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n'.join(out).rstrip('\n') + '\n')


def write_txt(doc, path):
    out = [doc.title, ''] if doc.title else []
    for b in doc.blocks:
        t = b['type']
        if t in ('heading', 'para'):
            out += [inline_text(doc, b['runs'], 'txt'), '']
        elif t == 'list':
            for k, item in enumerate(b['items'], 1):
                out.append(('- ' if b['kind'] == 'bullet' else '%d. ' % k) + inline_text(doc, item, 'txt'))
            out.append('')
        elif t == 'table':
            for row in b['rows']:
                out.append('\t'.join(inline_text(doc, c, 'txt') for c in row))
            out.append('')
    for n, runs in doc.footnotes():
        out.append('[%d] %s' % (n, inline_text(doc, runs, 'txt')))
    enc = str(doc.meta.get('txt_encoding', 'utf-8')).lower()
    data = ('\n'.join(out).rstrip('\n') + '\n').encode('cp1252' if enc in ('cp1252', 'windows-1252')
                                                     else enc, errors='replace')
    with open(path, 'wb') as f:
        f.write(data)


def write_html(doc, path):
    out = ['<!DOCTYPE html>', '<html lang="sv">', '<head>', '<meta charset="utf-8">',
           '<title>%s</title>' % xml_escape(doc.title),
           '<meta name="author" content="%s">' % xml_escape(doc.author),
           '<style>body { font-family: sans-serif; } .skrap::after { content: "STILSKRÄP ska inte extraheras"; }</style>',
           '<script>var skrap = "SKRIPTSKRÄP ska inte extraheras"; document.title = skrap;</script>',
           '</head>', '<body>']
    if doc.title:
        out.append('<p class="title">%s</p>' % xml_escape(doc.title))
    for b in doc.blocks:
        t = b['type']
        if t == 'heading':
            out.append('<h%d>%s</h%d>' % (b['level'], inline_text(doc, b['runs'], 'html'), b['level']))
        elif t == 'para':
            out.append('<p>%s</p>' % inline_text(doc, b['runs'], 'html'))
        elif t == 'list':
            tag = 'ul' if b['kind'] == 'bullet' else 'ol'
            out.append('<%s>' % tag)
            out += ['<li>%s</li>' % inline_text(doc, item, 'html') for item in b['items']]
            out.append('</%s>' % tag)
        elif t == 'table':
            out.append('<table>')
            for ri, row in enumerate(b['rows']):
                cell = 'th' if ri == 0 else 'td'
                out.append('<tr>' + ''.join('<%s>%s</%s>' % (cell, inline_text(doc, c, 'html'), cell)
                                            for c in row) + '</tr>')
            out.append('</table>')
    if doc.fn_text:
        out.append('<section class="footnotes"><ol>')
        out += ['<li id="fn%d">%s</li>' % (n, inline_text(doc, runs, 'html')) for n, runs in doc.footnotes()]
        out.append('</ol></section>')
    out += ['<script>console.log("SKRIPTSKRÄP i body");</script>', '</body>', '</html>']
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n'.join(out) + '\n')


WRITERS = {'pdf': write_pdf, 'docx': write_docx, 'odt': write_odt,
           'md': write_md, 'txt': write_txt, 'html': write_html}


def main(argv=None):
    ap = argparse.ArgumentParser(description='Render a *.doc.md source to pdf/docx/odt/md/txt/html.')
    ap.add_argument('source')
    ap.add_argument('--out', required=True, help='output directory')
    ap.add_argument('--formats', help='comma-separated list (default: formats in the source header)')
    args = ap.parse_args(argv)
    with open(args.source, encoding='utf-8') as f:
        doc = parse_source(f.read())
    formats = args.formats.split(',') if args.formats else doc.formats
    os.makedirs(args.out, exist_ok=True)
    for fmt in formats:
        fmt = fmt.strip().lower()
        if fmt not in WRITERS:
            ap.error('unknown format: %s' % fmt)
        path = os.path.join(args.out, '%s.%s' % (doc.id, fmt))
        WRITERS[fmt](doc, path)
        print(path)
    return 0


if __name__ == '__main__':
    sys.exit(main())
