"""A document is read with offsets only when something in it must be reported.

parse_policy first reads a document with the C scanner, without offsets
(evaluator/jsonsource.load_plain); a document it refuses, or that fails validation, is
read again by the positional scanner, which says where. Statement positions are counted
the first time they are asked for. These tests hold the fast path to the answers the
positional scanner alone gives: every message below is word for word what it gave
before the fast path existed, and positions follow the rule test_elements_statement.py
takes from AWS's outputs ("just after the last consumed token").
"""

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from policies import document, statement

from evaluator import IDENTITY, RESOURCE, TRUST, PolicyValidationError, parse_policy
from evaluator import arn as arns
from evaluator.jsonsource import load, load_plain
from evaluator.policy import _Parser
from evaluator.variables import Template
from evaluator.wildcard import QMARK, STAR, Wildcard

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

MULTILINE = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
    {"Sid": "B", "Effect": "Allow", "Action": "s3:*", "Resource": "*",
     "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "10.0.0.300"]}}}]}, indent=2)
ANY = '{"Effect": "Allow", "Action": "*", "Resource": "*"'


@pytest.mark.parametrize("text,kind,message", [
    ('{"Version": "2012-10-17", "Version": "2008-10-17", "Statement": []}', IDENTITY,
     "duplicate key 'Version' (line 1, column 1)"),
    ('{\n  "Version": "2012-10-17",\n  "Statement": [' + ANY + ',\n    "Condition": '
     '{"StringEquals": {"aws:username": "a", "aws:username": "b"}}}]}', IDENTITY,
     "Statement[0].Condition.StringEquals: duplicate key 'aws:username' (line 4, column 35)"),
    ('{"Statement": [{"Effect": "Allow", "Action": "*", '
     '"Principal": {"AWS": "111122223333", "AWS": "*"}}]}', RESOURCE,
     "Statement[0].Principal: duplicate key 'AWS' (line 1, column 64)"),
    ('{"Statement": [' + ANY + ', "Condition": {"NumericEquals": {"s3:max-keys": NaN}}}]}',
     IDENTITY, "invalid JSON: NaN is not valid JSON"),
    ('{"Statement": [' + ANY + ', "Condition": {"NumericEquals": {"s3:max-keys": -Infinity}}}]}',
     IDENTITY, "invalid JSON: -Infinity is not valid JSON"),
    ('{"Statement": [' + ANY + ', "Condition": {"NumericEquals": {"s3:max-keys": '
     + "9" * 5000 + '}}}]}', IDENTITY,
     "invalid JSON: Exceeds the limit (4300 digits) for integer string conversion: value has "
     "5000 digits; use sys.set_int_max_str_digits() to increase the limit"),
    ('{"Statement": [{"Effect": "Allow",\n "Action": "s3:\tGet", "Resource": "*"}]}', IDENTITY,
     "invalid JSON: Invalid control character at (line 2, column 16)"),
    ("\ufeff" + document(statement()), IDENTITY,
     "invalid JSON: Expecting value (line 1, column 1)"),
    ('{"Statement": ' + "[" * 5000 + "]" * 5000 + "}", IDENTITY,
     "invalid JSON: nested too deeply"),
    # deep enough for the positional scanner's recursion, not for the C scanner's
    ('{"Statement": [' + ANY + ', "Condition": {"StringEquals": {"aws:username": '
     + "[" * 400 + "]" * 400 + '}}}]}', IDENTITY, "invalid JSON: nested too deeply"),
    (MULTILINE, IDENTITY, "Statement[1].Condition.IpAddress.aws:SourceIp: '10.0.0.300' is "
     "not an IP address or CIDR range (line 16, column 22)"),
    ('{"Statement": [{"Sid": "S", "Effect": "Allow", "Action": "*", "Resource": "*"},\n'
     ' {"Sid": "S", "Effect": "Deny", "Action": "*", "Resource": "*"}]}', IDENTITY,
     "Statement[1]: Statement IDs (SID) in a single policy must be unique ('S' repeats) "
     "(line 2, column 2)"),
    ('{"Statement": [' + ANY + ',}]}', IDENTITY,
     "invalid JSON: Expecting property name enclosed in double quotes (line 1, column 67)"),
])
def test_what_the_fast_path_refuses_is_reported_as_before(text, kind, message):
    with pytest.raises(PolicyValidationError) as err:
        parse_policy(text, kind, max_length=None)
    assert str(err.value) == message


@pytest.mark.parametrize("text", [
    '{"a": 1, "a": 2}', '{"a": {"b": [{"c": 1, "c": 1}]}}', "NaN", "[Infinity]",
    "[-Infinity]", '"\x00"', "", "[1,]", "1 2", "\ufeff{}", "[" * 100_000,
])
def test_load_plain_has_no_answer_for_what_needs_reporting(text):
    assert load_plain(text) is None


@pytest.mark.parametrize("text", [
    MULTILINE, '{"a": [1, 2.5, -0, 1e400, true, false, null, "\\ud800"]}', " \n[]\t",
    '{"": {}, "x": []}',
])
def test_load_plain_reads_what_load_reads(text):
    assert load_plain(text) == load(text) == json.loads(text)


# --- any text: the same outcome as the positional scanner alone ------------------------

def shown(value):
    """A compiled value as comparable data: patterns and templates by their text."""
    if isinstance(value, (tuple, list)):
        return [shown(v) for v in value]
    return getattr(value, "pattern", getattr(value, "source", type(value).__name__
                                             if hasattr(value, "matches") else value))


def outcome(parse):
    """What a parse gave, in comparable form: the error, or each statement's parts."""
    try:
        policy = parse()
    except PolicyValidationError as err:
        return str(err), err.path, err.line, err.column
    return policy.version, policy.id, [
        (s.index, s.sid, s.allow, s.start, s.end, s.not_action, s.not_resource,
         s.not_principal, s.services, s.resource_varies, shown(s.actions),
         None if s.resources is None else (s.resources.anything, shown(s.resources.fixed),
                                           shown(s.resources.templated)),
         None if s.principals is None else (s.principals.everyone, s.principals.names),
         [(c.operator, c.name, c.negated, c.if_exists, c.qualifier, c.null_expects_absent,
           shown(c.values)) for c in s.conditions])
        for s in policy.statements]


actions = st.sampled_from(["s3:GetObject", "s3:Get*", "ec2:?escribe*", "*", "iam:PassRole"])
resources = st.sampled_from(["*", "arn:aws:s3:::bucket/*", "arn:aws:s3:::home/${aws:username}/*",
                             "arn:aws:s3:*", "arn:aws:s3:::b?"])
principals = st.sampled_from([
    "*", {"AWS": "111122223333"}, {"Service": "ec2.amazonaws.com"},
    {"AWS": ["arn:aws:iam::111122223333:role/r", "arn:aws:iam::111122223333:root"]}])
conditions = st.lists(st.sampled_from([
    ("StringEquals", "aws:username", "a"), ("StringEquals", "aws:username", 1),
    ("StringEquals", "aws:username", True), ("StringLike", "aws:userid", "${aws:username}*"),
    ("IpAddress", "aws:SourceIp", ["10.0.0.0/8", "2001:db8::/32"]),
    ("Bool", "aws:SecureTransport", True), ("Null", "aws:TokenIssueTime", "true"),
    ("DateGreaterThan", "aws:CurrentTime", 1577836800),
    ("NumericLessThan", "s3:max-keys", "10.5"), ("ArnLike", "aws:SourceArn", "arn:aws:s3"),
    ("ForAnyValue:StringLike", "aws:TagKeys", ["a*", "b"]),
]), max_size=3, unique_by=lambda entry: entry[0]).map(
    lambda chosen: {op: {key: value} for op, key, value in chosen})
NOISE = list('{}[],:"\\ 0-eE.NaI\x00\n')
wild = st.sampled_from(["", [], {}, None, 7, "allow", "s3", "10.0.0.300", {"AWS": "x"}])


@st.composite
def statements(draw, kind):
    """A statement valid for ``kind``, now and then with one element gone wrong."""
    out = {"Effect": draw(st.sampled_from(["Allow", "Deny"]))}
    if draw(st.booleans()):
        out["Sid"] = draw(st.sampled_from(["A", "B", "C"]))
    out[draw(st.sampled_from(["Action", "NotAction"]))] = draw(
        actions | st.lists(actions, min_size=1, max_size=3))
    if kind != TRUST:
        out[draw(st.sampled_from(["Resource", "NotResource"]))] = draw(
            resources | st.lists(resources, min_size=1, max_size=3))
    if kind != IDENTITY:
        out[draw(st.sampled_from(["Principal", "NotPrincipal"]))] = draw(principals)
    condition = draw(conditions)
    if condition:
        out["Condition"] = condition
    if draw(st.integers(0, 9)) == 0:
        out[draw(st.sampled_from(sorted(out)))] = draw(wild)
    return out


@st.composite
def edited(draw, kind):
    """A document for ``kind``, mostly valid, sometimes broken the ways text gets broken."""
    body = draw(statements(kind) | st.lists(statements(kind), min_size=1, max_size=3))
    version = draw(st.sampled_from([{"Version": "2012-10-17"}, {"Version": "2008-10-17"}, {}]))
    text = json.dumps({**version, "Statement": body}, indent=draw(st.sampled_from([None, 2])))
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["insert", "delete", "repeat"]))
        if edit == "insert":
            text = text[:at] + draw(st.sampled_from(NOISE)) + text[at:]
        elif edit == "delete":
            text = text[:at] + text[at + 1:]
        else:  # repeat a '"key": value,' stretch: a duplicate key, or worse
            quote = text.find('"', at)
            comma = text.find(",", quote)
            if quote >= 0 and comma > quote:
                text = text[:quote] + text[quote:comma + 1] + text[quote:]
    return text


@SETTINGS
@given(st.sampled_from([IDENTITY, RESOURCE, TRUST]).flatmap(
    lambda kind: st.tuples(edited(kind), st.just(kind))))
def test_any_text_gets_the_positional_scanners_answer(case):
    text, kind = case
    located = outcome(lambda: _Parser(text, kind, located=True).policy(load(text)))
    assert outcome(lambda: parse_policy(text, kind)) == located


# --- positions, counted when first asked for -------------------------------------------

def line_column(text, offset):
    """(line, column), 1-based, of ``text[offset]``."""
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


blanks = st.sampled_from(["", " ", "\n", "\t", "\r\n", "\n    ", "  \n\n "])
valid_statements = st.fixed_dictionaries({
    "Effect": st.sampled_from(["Allow", "Deny"]),
    "Action": st.lists(st.sampled_from(["s3:Get*", "ec2:*", "iam:PassRole"]), min_size=1,
                       max_size=3),
    "Resource": st.sampled_from(["*", "arn:aws:s3:::b/*"]),
}, optional={"Condition": st.fixed_dictionaries(
    {"StringEquals": st.fixed_dictionaries({"aws:username": st.text(max_size=6)})})})


@SETTINGS
@given(st.lists(st.tuples(valid_statements, st.sampled_from([None, 1, 4]), st.booleans(),
                          blanks, blanks), min_size=1, max_size=4),
       blanks, st.booleans(), st.booleans())
def test_statement_positions(parts, blank, listed, decide_first):
    # Start is just after the '[' (first statement), the previous statement's '}' (later
    # ones), or a lone statement's own '{'; End is just after the statement's '}'.
    if not listed:
        parts = parts[:1]
    text = '{"Version": "2012-10-17",' + blank + '"Statement":' + blank
    expected, start = [], len(text) + 1
    text += "[" if listed else ""
    for index, (body, indent, ascii_only, lead, trail) in enumerate(parts):
        text += ("," if index else "") + lead
        if not listed:
            start = len(text) + 1
        text += json.dumps({"Sid": f"S{index}", **body}, indent=indent,
                           ensure_ascii=ascii_only)
        expected.append((line_column(text, start), line_column(text, len(text))))
        start = len(text)
        text += trail
    text += ("]" if listed else "") + blank + "}"
    policy = parse_policy(text)
    if decide_first:  # deciding asks for no position; asking later gives the same
        assert [s.matches_action("s3:getobject") for s in policy.statements]
    assert [(s.start, s.end) for s in policy.statements] == expected


# --- the cheaper compilation matches the same strings ----------------------------------

patterns = st.text(alphabet="ab*?:/${}", max_size=12)
subjects = st.text(alphabet="ab:/?*", max_size=12)


def as_pieces(text):
    return [STAR if ch == "*" else QMARK if ch == "?" else ch for ch in text]


def oracle(pattern):
    regex = "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in pattern)
    return re.compile(regex, re.DOTALL)


@SETTINGS
@given(patterns, subjects)
def test_compiled_wildcards_match_like_their_pieces(pattern, subject):
    expected = oracle(pattern).fullmatch(subject) is not None
    assert Wildcard.compile(pattern).matches(subject) == expected
    assert Wildcard.from_pieces(as_pieces(pattern)).matches(subject) == expected
    assert Wildcard.compile(pattern).pattern == pattern


@SETTINGS
@given(patterns, subjects, st.booleans(), st.booleans())
def test_plain_templates_match_like_their_pieces(text, subject, variables, fold_case):
    template = Template.parse(text, variables)
    if template.has_variables:
        return
    by_pieces = arns.segment_pattern(template.pieces({}))
    assert arns.matches_segments(subject, arns.fixed_pattern(template)) == \
        arns.matches_segments(subject, by_pieces)
    assert template.wildcard({}, fold_case).matches(subject) == \
        Wildcard.from_pieces(list(template.pieces({}, fold_case))).matches(subject)


def test_condition_values_that_read_the_same_compile_alike_and_others_do_not(holds):
    # JSON 1 and true are equal in Python (1 == True): kept tests must not mix them up.
    assert holds({"StringEquals": {"s3:prefix": 1}}, {"s3:prefix": "1"})
    assert not holds({"StringEquals": {"s3:prefix": True}}, {"s3:prefix": "1"})
    assert holds({"StringEquals": {"s3:prefix": True}}, {"s3:prefix": "true"})
    assert holds({"StringEquals": {"s3:prefix": "true"}}, {"s3:prefix": "true"})
    assert not holds({"StringEquals": {"s3:prefix": 1.0}}, {"s3:prefix": "1"})
