"""Hostile and odd text a visitor (or an attacker) may type into any box of the guide."""

HOSTILE_TEXT = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(2)>",
    "<svg><script>alert(3)</script></svg>",
    "javascript:alert(4)",
    '<a href="javascript:alert(5)">click</a>',
    "<iframe src=javascript:alert(6)></iframe>",
    "<style>body{display:none}</style>",
    "{{7*7}} ${7*7} {phone} %s %(name)s",
    "&lt;b&gt;not bold&lt;/b&gt; &amp;",
    "x" * 6000,
    "W" * 300,  # one long unbreakable word
    "     ",
    "\t\n\r",
    "\x00\x01\x07\x1b[31mred",
    "\u202eevil\u202c right-to-left override",
    "مرحبا بالعالم",
    "👶🏽🍼✨ baby 😀",
    "e\u0301e\u0301 Zalgo z̸̢̛a̷l̶g̵o̴",
    "Ana María Núñez-O'Brien",
    "\ufeffzero\u200bwidth\u2060joiner",
    "Robert'); DROP TABLE students;--",
]
