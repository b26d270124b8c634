"""The Jinja sandbox for documents, with a cost budget per rendering.

Jinja's sandbox stops attribute tricks but not cost: `{{ "x" * 20000000 }}` in an uploaded
template took 16-31 s and hundreds of MB in docxtpl and LibreOffice. Here every value an
expression makes (operators, filters, calls) is measured, loops are counted and the clock is
read at each step, so a template that would cost too much stops at once with a Vietnamese
TemplateTooCostly (a SecurityError) instead. The figures are far above any real document:
the 500-row periodic report writes 1.1 million characters of XML.
"""

import functools
import re
import threading
import time
from contextlib import contextmanager

from jinja2 import Template, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

MAX_VALUE_CHARS = 1_000_000  # one string or list made by an expression
MAX_OUTPUT_CHARS = 20_000_000  # everything the rendering writes and makes, in total
MAX_ITERATIONS = 1_000_000  # loop steps in one rendering
MAX_SECONDS = 10.0
MAX_INT_BITS = 100_000  # 2 ** 100000 already has 30103 digits
# A width or precision of a million or more in a %-format or a str.format field.
_HUGE_WIDTH = re.compile(r"%[-+ #0]*\d*\.?\d{7,}|\{[^{}]*:[^{}]*\d{7,}[^{}]*\}")
# Filters and str methods whose integer parameters are sizes (elsewhere a big number is just
# a value: an amount of 1 500 000 000 đồng must still print).
SIZE_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice"})
SIZE_METHODS = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs"})
_STATE = threading.local()


class TemplateTooCostly(SecurityError):
    """A template would take too long or make too much output; the message is Vietnamese."""


class _Budget:
    def __init__(self):
        self.deadline = time.monotonic() + MAX_SECONDS
        self.chars = 0
        self.steps = 0

    def tick(self, chars=0):
        self.chars += chars
        if self.chars > MAX_OUTPUT_CHARS:
            raise TemplateTooCostly(f"văn bản sinh ra quá dài (hơn {MAX_OUTPUT_CHARS:,} ký tự)".replace(",", "."))
        if time.monotonic() > self.deadline:
            raise TemplateTooCostly(f"mẫu chạy quá {MAX_SECONDS:.0f} giây")


@contextmanager
def budget():
    """One budget for everything rendered inside (a DOCX's body, headers and footers share it)."""
    outer = getattr(_STATE, "budget", None)
    if outer is not None:
        yield outer
        return
    _STATE.budget = _Budget()
    try:
        yield _STATE.budget
    finally:
        _STATE.budget = None


def _current():
    current = getattr(_STATE, "budget", None)
    return current if current is not None else _Budget()


def _size(value):
    return len(value) if isinstance(value, (str, bytes, list, tuple, dict)) else 0


def _measure(value):
    """Count a value an expression made against the budget; refuse one that is too big."""
    size = _size(value)
    if size > MAX_VALUE_CHARS:
        raise TemplateTooCostly(f"biểu thức tạo ra giá trị quá lớn (hơn {MAX_VALUE_CHARS:,} phần tử)".replace(",", "."))
    _current().tick(size)
    return value


def _refuse_huge_sizes(args, kwargs):
    for arg in (*args, *kwargs.values()):
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_VALUE_CHARS:
            raise TemplateTooCostly(f"tham số {arg} quá lớn")


def _refuse_huge_format(format_string):
    if isinstance(format_string, str) and _HUGE_WIDTH.search(format_string):
        raise TemplateTooCostly("định dạng có độ rộng quá lớn")


def _projected(operator, left, right):
    """Refuse an operation whose result would be too big, before it is computed."""
    ints = isinstance(left, int) and isinstance(right, int)
    if operator == "**" and ints and right > 0 and max(left.bit_length(), 1) * right > MAX_INT_BITS:
        raise TemplateTooCostly("lũy thừa quá lớn")
    if operator == "*" and ints and left.bit_length() + right.bit_length() > MAX_INT_BITS:
        raise TemplateTooCostly("tích quá lớn")
    if operator == "*" and not ints:
        count, seq = (right, left) if isinstance(right, int) else (left, right)
        if isinstance(count, int) and _size(seq) * count > MAX_VALUE_CHARS:
            raise TemplateTooCostly(
                f"phép nhân tạo chuỗi/danh sách quá dài (hơn {MAX_VALUE_CHARS:,} phần tử)".replace(",", ".")
            )
    if operator == "+" and _size(left) + _size(right) > MAX_VALUE_CHARS:
        raise TemplateTooCostly("phép nối tạo chuỗi/danh sách quá dài")
    if operator == "%":
        _refuse_huge_format(left)


def _iterate(iterable):
    """Count each loop step (a loop with an empty body otherwise never meets the budget)."""
    current = _current()
    for item in iterable:
        current.steps += 1
        if current.steps > MAX_ITERATIONS:
            raise TemplateTooCostly(f"vòng lặp chạy quá {MAX_ITERATIONS:,} lần".replace(",", "."))
        current.tick()
        yield item


def _budgeted_filter(name, func):
    @functools.wraps(func)  # keeps jinja_pass_arg (pass_context, pass_eval_context...)
    def wrapper(*args, **kwargs):
        if name in SIZE_FILTERS:
            _refuse_huge_sizes(args, kwargs)
        if name == "format" and args:
            _refuse_huge_format(args[0])
        return _measure(func(*args, **kwargs))

    return wrapper


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with a cost budget on operators, filters, calls, loops and output."""

    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters = {name: _budgeted_filter(name, f) for name, f in self.filters.items()}
        self.filters["_budgeted_iter"] = _iterate
        self.filters["_measured"] = _measure

    def call_binop(self, context, operator, left, right):
        _projected(operator, left, right)
        return _measure(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        bound = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)
        if isinstance(bound, str):
            name = getattr(__obj, "__name__", "")
            if name in SIZE_METHODS:
                _refuse_huge_sizes(args, kwargs)
            elif name in ("format", "format_map"):
                _refuse_huge_format(bound)
        return _measure(super().call(__context, __obj, *args, **kwargs))

    def concat(self, parts):
        """Join output chunks, counting each against the budget."""
        current, out = _current(), []
        for part in parts:
            current.tick(len(part))
            out.append(part)
        return "".join(out)

    def _parse(self, source, name, filename):
        """Parse, then route every {% for %} through the step counter and measure every `~`."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, "_budgeted_iter", [], [], None, None, lineno=loop.lineno)
        _measure_concats(tree)
        return tree


def _measure_concats(node):
    """Wrap each `a ~ b` (Jinja compiles it to a plain join, no sandbox hook) in _measured."""
    for field, value in node.iter_fields():
        if isinstance(value, list):
            value[:] = [_wrapped(item) for item in value]
            for item in value:
                if isinstance(item, nodes.Node):
                    _measure_concats(item)
        elif isinstance(value, nodes.Node):
            setattr(node, field, _wrapped(value))
            _measure_concats(value)


def _wrapped(item):
    if isinstance(item, nodes.Concat):
        return nodes.Filter(item, "_measured", [], [], None, None, lineno=item.lineno)
    return item


class BudgetedTemplate(Template):
    """A template whose render() runs inside one budget (or the caller's, when nested)."""

    def render(self, *args, **kwargs):
        with budget():
            return super().render(*args, **kwargs)


LimitedSandbox.template_class = BudgetedTemplate
