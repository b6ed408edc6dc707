"""A small RFC 5545 reader for the tests: unfold, split properties, unescape TEXT."""

from dataclasses import dataclass, field


@dataclass
class Component:
    name: str
    props: list[tuple[str, dict[str, str], str]] = field(default_factory=list)
    children: list["Component"] = field(default_factory=list)

    def get(self, name: str) -> str:
        return next(v for n, _p, v in self.props if n == name)

    def params(self, name: str) -> dict[str, str]:
        return next(p for n, p, _v in self.props if n == name)

    def all(self, name: str) -> list["Component"]:
        return [c for c in self.children if c.name == name]


def unfold(raw: bytes) -> list[str]:
    """Content lines: every physical line ends in CRLF, at most 75 octets; a line starting with
    a space continues the previous one. Checks both rules on the octets."""
    assert raw.endswith(b"\r\n")
    physical = raw[:-2].split(b"\r\n")
    for line in physical:
        assert len(line) <= 75, line
        assert b"\n" not in line and b"\r" not in line
    joined: list[bytes] = []
    for line in physical:
        if line.startswith(b" "):
            joined[-1] += line[1:]
        else:
            joined.append(line)
    # Decoding each piece on its own would fail if a fold split a UTF-8 character.
    for line in physical:
        line.decode("utf-8")
    return [line.decode("utf-8") for line in joined]


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        char = value[i]
        if char == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
            continue
        assert char not in ";,", f"unescaped {char!r} in {value!r}"
        out.append(char)
        i += 1
    return "".join(out)


def parse(raw: bytes) -> Component:
    stack: list[Component] = []
    root = None
    for line in unfold(raw):
        head, _sep, value = line.partition(":")
        name, *params = head.split(";")
        if name == "BEGIN":
            comp = Component(value)
            if stack:
                stack[-1].children.append(comp)
            stack.append(comp)
            continue
        if name == "END":
            done = stack.pop()
            assert done.name == value
            root = done
            continue
        stack[-1].props.append((name, dict(p.split("=", 1) for p in params), value))
    assert not stack and root is not None
    return root
