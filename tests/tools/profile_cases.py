"""Differential cases for the profile files, with botocore as the oracle.

generate: writes COUNT config/credentials pairs built from a grammar of what users' files hold
(quoted and unquoted names, spaces, comments everywhere, indentation with spaces and tabs, nested
blocks, blank lines, LF/CRLF/CR, BOM, bytes that are not UTF-8, duplicates, broken lines), each with
botocore's reading of it and one planned Set-AwsProfile change, into DIR/cases.json.

check: reads the report AwsWiki wrote (DIR/report.json: what Get-AwsProfile said, and the files after
Set-AwsProfile) and compares everything with botocore; prints a JSON summary.

Two readings per file: 'strict' is botocore exactly as the AWS CLI runs here (UTF-8); 'lenient'
is botocore's own parser fed the text with a BOM skipped and undecodable bytes replaced, which is
how AwsWiki reads a file that is only refused for its encoding.
"""
import builtins
import configparser
import copy
import difflib
import json
import os
import random
import shutil
import sys

import botocore.configloader
import botocore.credentials
import botocore.session
from botocore.credentials import Credentials

LENIENT = {'on': False}
_real_open = builtins.open


def _open(file, mode='r', *args, **kwargs):
    if LENIENT['on'] and 'b' not in mode:
        kwargs['encoding'] = 'utf-8-sig'
        kwargs['errors'] = 'replace'
    return _real_open(file, mode, *args, **kwargs)


# configparser.read calls open() through its module globals: switching the reading there changes
# nothing else in botocore's parsing.
configparser.open = _open

# ---------------------------------------------------------------- grammar

PLAIN = ['dev', 'prod', 'work', 'ci-runner', 'team.a', 'x_1', 'Ops', 'ops', 'default', 'base', 'admin', 'caf\u00e9', '\ud55c\uae00']
SPACED = ['my profile', 'two  spaces', 'tab\there', 'team a']
ODD = ["it's", 'say "hi"', 'back\\slash']
KEYS = ['region', 'output', 'aws_access_key_id', 'aws_secret_access_key', 'aws_session_token',
        'aws_security_token', 'role_arn', 'source_profile', 'credential_source', 'web_identity_token_file',
        'sso_session', 'sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name',
        'credential_process', 'login_session', 'mfa_serial', 'cli_pager', 'Region', 'custom_key',
        'duration_seconds', 'external_id']
VALUES = {
    'region': ['us-east-1', 'eu-west-1', 'ap-northeast-2', ''],
    'output': ['json', 'text', 'table'],
    'aws_access_key_id': ['AKIAIOSFODNN7EXAMPLE', 'ASIAIOSFODNN7EXAMPLE'],
    'aws_secret_access_key': ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    'aws_session_token': ['FwoGZXIvYXdzEXAMPLE=='],
    'aws_security_token': ['FQoDYXdzEXAMPLE'],
    'role_arn': ['arn:aws:iam::123456789012:role/Admin', ''],
    'source_profile': ['base', 'dev', 'missing', 'default'],
    'credential_source': ['Environment', 'Ec2InstanceMetadata', 'Bogus'],
    'web_identity_token_file': ['/var/run/token', ''],
    'sso_session': ['corp', 'gone'],
    'sso_start_url': ['https://corp.awsapps.com/start', 'https://other.awsapps.com/start'],
    'sso_region': ['us-east-1'],
    'sso_account_id': ['111122223333'],
    'sso_role_name': ['Developer'],
    'credential_process': ['/usr/bin/creds --p 1', 'creds "a b" # not a comment'],
    'login_session': ['arn:aws:iam::123456789012:user/me'],
    'mfa_serial': ['arn:aws:iam::123456789012:mfa/me'],
}
EXTRA_VALUES = ['a = b', 'x:y', '  padded  ', '# hash', '; semi', 'caf\u00e9', 'v\u00a0nbsp']


def name_for(rng):
    r = rng.random()
    if r < 0.65:
        return rng.choice(PLAIN)
    if r < 0.9:
        return rng.choice(SPACED)
    return rng.choice(ODD)


def quote_sh(name, rng):
    if rng.random() < 0.5:
        return '"' + name.replace('\\', '\\\\').replace('"', '\\"') + '"'
    return "'" + name.replace("'", "'\"'\"'") + "'"


def config_header(rng, names_used):
    r = rng.random()
    if r < 0.12:
        return 'default', 'default'
    if r < 0.16:
        return rng.choice(['DEFAULT', 'preview', 'plugins', 'services local', ' profile x', 'profilex y', 'profile', 'profile a b', 'profile "unclosed']), None
    if r < 0.22:
        s = rng.choice(['corp', 'gone2', 'my sso'])
        return 'sso-session ' + (quote_sh(s, rng) if ' ' in s or rng.random() < 0.3 else s), None
    name = name_for(rng) if rng.random() < 0.7 or not names_used else rng.choice(names_used)
    if any(c in name for c in ' \t\'"\\') or rng.random() < 0.25:
        shown = quote_sh(name, rng)
    else:
        shown = name
    sep = rng.choice([' ', ' ', ' ', '  ', '\t'])
    tail = rng.choice(['', '', '', ' '])
    return 'profile' + sep + shown + tail, name


def credentials_header(rng, names_used):
    if rng.random() < 0.04:
        return 'DEFAULT', None
    name = name_for(rng) if rng.random() < 0.6 or not names_used else rng.choice(names_used)
    return name, name


def value_for(rng, key):
    if key in VALUES and rng.random() < 0.85:
        return rng.choice(VALUES[key])
    return rng.choice(EXTRA_VALUES + ['v%d' % rng.randrange(100)])


def key_line(rng, key, value, indent):
    delim = rng.choice([' = ', '=', ' =', '= ', ' : ', ':', '\t=\t'])
    return indent + key + delim + value + rng.choice(['', '', '', ' ', '\t'])


def comment_line(rng):
    return rng.choice(['', '  ', '\t']) + rng.choice(['#', ';']) + rng.choice([' note', ' role_arn = x', '', ' [profile fake]'])


TEMPLATES = [
    [('aws_access_key_id', 'AKIAIOSFODNN7EXAMPLE'), ('aws_secret_access_key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')],
    [('aws_access_key_id', 'ASIAIOSFODNN7EXAMPLE'), ('aws_secret_access_key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'), ('aws_security_token', 'FQoDYXdzEXAMPLE')],
    [('aws_access_key_id', 'ASIAIOSFODNN7EXAMPLE'), ('aws_secret_access_key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'), ('aws_session_token', 'FwoGZXIvYXdzEXAMPLE==')],
    [('role_arn', 'arn:aws:iam::123456789012:role/Admin'), ('source_profile', 'base')],
    [('role_arn', 'arn:aws:iam::123456789012:role/Admin'), ('credential_source', 'Ec2InstanceMetadata')],
    [('role_arn', 'arn:aws:iam::123456789012:role/Admin'), ('web_identity_token_file', '/var/run/token')],
    [('sso_start_url', 'https://corp.awsapps.com/start'), ('sso_region', 'us-east-1'), ('sso_account_id', '111122223333'), ('sso_role_name', 'Developer')],
    [('sso_session', 'corp'), ('sso_account_id', '111122223333'), ('sso_role_name', 'Developer')],
    [('sso_session', 'corp')],
    [('credential_process', '/usr/bin/creds --p 1'), ('aws_access_key_id', 'AKIAIOSFODNN7EXAMPLE'), ('aws_secret_access_key', 'x')],
    [('sso_start_url', 'https://corp.awsapps.com/start'), ('sso_region', 'us-east-1')],
]


def section_body(rng, lines, bad):
    if rng.random() < 0.45:
        template = rng.choice(TEMPLATES)
        for key, value in template:
            lines.append(key_line(rng, key, value, ''))
        keys = [k for k in rng.sample(KEYS, rng.randrange(0, 3)) if k not in dict(template)]
    else:
        keys = rng.sample(KEYS, rng.randrange(0, 6))
    indent_all = rng.random() < 0.08
    used = set(line.strip().split('=')[0].split(':')[0].strip().lower() for line in lines[-4:])
    for key in keys:
        if key.lower() in used and not bad:
            continue
        used.add(key.lower())
        r = rng.random()
        if r < 0.1:
            lines.append(comment_line(rng))
        elif r < 0.15:
            lines.append(rng.choice(['', ' ', '\t']))
        indent = rng.choice([' ', '  ', '\t']) if indent_all or rng.random() < 0.05 else ''
        if rng.random() < 0.08:
            # a nested block
            block = rng.choice(['s3', 'ec2', 'sts'])
            if block in used and not bad:
                continue
            used.add(block)
            lines.append(indent + block + ' =')
            inner = indent + rng.choice(['  ', '    ', '\t'])
            for _ in range(rng.randrange(1, 4)):
                if rng.random() < 0.15:
                    lines.append(comment_line(rng))
                if rng.random() < 0.1:
                    lines.append('')
                if bad and rng.random() < 0.2:
                    lines.append(inner + 'no delimiter here')
                else:
                    lines.append(inner + rng.choice(['max_concurrent_requests', 'addressing_style', 'endpoint_url']) + ' = ' + rng.choice(['10', 'path', 'http://localhost:4566']))
            continue
        if key == 'Region' and rng.random() < 0.5:
            key = 'REGION'
        lines.append(key_line(rng, key, value_for(rng, key), indent))
        if rng.random() < 0.04:
            # a continuation of the value
            lines.append(indent + rng.choice(['  ', '\t', '   ']) + rng.choice(['more text', 'k = v']))
        if bad and rng.random() < 0.15:
            lines.append(key_line(rng, key, 'again', indent))  # duplicate key


def build_file(rng, kind, names_used, flavour):
    lines = []
    if rng.random() < 0.3:
        lines.append(comment_line(rng))
    if rng.random() < 0.1:
        lines.append('')
    bad = flavour['bad']
    if bad and rng.random() < 0.1:
        lines.append('orphan = before any section')
    headers = []
    for _ in range(rng.randrange(1, 7)):
        if kind == 'config':
            header, name = config_header(rng, names_used)
        else:
            header, name = credentials_header(rng, names_used)
        if bad and headers and rng.random() < 0.15:
            header = rng.choice(headers)  # duplicate section
        elif header in headers:
            continue
        headers.append(header)
        if name:
            names_used.append(name)
        pre = rng.choice([' ', '\t']) if rng.random() < 0.04 else ''
        post = rng.choice(['', '', '', '', '  # main account', ' ; note', ' '])
        lines.append(pre + '[' + header + ']' + post)
        if rng.random() < 0.15:
            lines.append(comment_line(rng))
        section_body(rng, lines, bad)
        if bad and rng.random() < 0.1:
            lines.append('this line has no delimiter')
        if rng.random() < 0.6:
            lines.append(rng.choice(['', '', ' ']))
    data = []
    for line in lines:
        data.append(line.encode('utf-8'))
    if flavour['latin1']:
        i = rng.randrange(len(data) + 1)
        data.insert(i, rng.choice([b'# caf\xe9 (Latin-1)', b'; \xc7\xd1\xb1\xdb (CP949)', b'# \xff\xfe\x00binary\x80\x81', bytes(rng.randrange(128, 256) for _ in range(5)).join([b'# ', b''])]))
    newline = flavour['newline']
    out = b''
    for i, line in enumerate(data):
        nl = newline if newline != b'mixed' else rng.choice([b'\n', b'\r\n', b'\r'])
        out += line
        if i < len(data) - 1 or flavour['final_newline']:
            out += nl
    if flavour['bom']:
        out = b'\xef\xbb\xbf' + out
    return out


SETTERS = [
    ('Region', 'region', 'config', ['eu-central-1', 'us-west-2']),
    ('Output', 'output', 'config', ['yaml', 'text']),
    ('MfaSerial', 'mfa_serial', 'config', ['arn:aws:iam::123456789012:mfa/new']),
    ('ExternalId', 'external_id', 'config', ['ext-42']),
    ('CredentialProcess', 'credential_process', 'config', ['/opt/creds --x']),
]


def plan_change(rng, oracle):
    names = [n for n in oracle['lenient']['merged'] if valid_name(n)] if oracle['lenient'] else []
    if names and rng.random() < 0.75:
        name = rng.choice(names)
    else:
        name = rng.choice(['new one', 'fresh', "it's new", 'default', 'caf\u00e9 \ud55c'])
    if rng.random() < 0.2:
        return {'name': name, 'params': {'AccessKey': 'AKIAZZZZZZZZEXAMPLE1', 'SecretKey': 'newSecretKeyValue/1234567890abcdefEXAMPLE'},
                'keys': {'aws_access_key_id': 'AKIAZZZZZZZZEXAMPLE1', 'aws_secret_access_key': 'newSecretKeyValue/1234567890abcdefEXAMPLE'},
                'file': 'credentials'}
    param, key, where, values = rng.choice(SETTERS)
    value = rng.choice(values)
    return {'name': name, 'params': {param: value}, 'keys': {key: value}, 'file': where}


def valid_name(name):
    return (name and name == name.strip() and name.strip(' \t\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0') == name
            and not any(c in name for c in '[]\r\n') and name != 'DEFAULT')

# ---------------------------------------------------------------- oracle


def read_one(path, lenient):
    """botocore's reading of one file: (raw sections, defaults, error)."""
    LENIENT['on'] = lenient
    try:
        raw = botocore.configloader.raw_config_parse(path)
        cp = configparser.RawConfigParser()
        cp.read([path])
        return raw, dict(cp.defaults()), None
    except botocore.exceptions.ConfigParseError as e:
        inner = getattr(e, 'kwargs', {}).get('error')
        line = getattr(inner, 'lineno', None)
        if line is None and hasattr(inner, 'errors') and inner.errors:
            line = inner.errors[0][0]
        return None, None, {'type': type(inner).__name__, 'line': line}
    finally:
        LENIENT['on'] = False


SESSION = {'s': None}


def credential_types(config_path, credentials_path, names):
    """Which provider botocore's own chain takes for each profile (no network: fetches are patched)."""
    result = {}
    session = SESSION['s']
    if session is None:
        session = SESSION['s'] = botocore.session.Session()
    session.set_config_variable('config_file', config_path)
    session.set_config_variable('credentials_file', credentials_path)
    session._config = None  # full_config and the profile map are cached per session; these are new files
    session._profile_map = None
    for name in names:
        session.set_config_variable('profile', name)
        session._profile = None
        try:
            resolver = botocore.credentials.create_credential_resolver(session)
            keep = {'assume-role', 'assume-role-with-web-identity', 'sso', 'shared-credentials-file',
                    'login', 'custom-process', 'config-file'}
            resolver.providers = [p for p in resolver.providers if p.METHOD in keep]
            creds = resolver.load_credentials()
        except Exception:
            result[name] = 'Incomplete'
            continue
        if creds is None:
            result[name] = 'None'
            continue
        method = creds.method
        if method in ('shared-credentials-file', 'config-file'):
            result[name] = 'Session' if creds.token is not None else 'Static'
        else:
            result[name] = {'assume-role': 'AssumeRole', 'assume-role-with-web-identity': 'WebIdentity', 'sso': 'Sso',
                            'login': 'Login', 'custom-process': 'Process'}[method]
    return result


def _patch_providers():
    botocore.credentials.ProcessProvider._retrieve_credentials_using = lambda self, cmd: {
        'access_key': 'A', 'secret_key': 'B', 'token': None, 'expiry_time': None}
    botocore.credentials.AssumeRoleProvider._resolve_source_credentials = lambda self, cfg, name: Credentials('A', 'B')
    if getattr(botocore.credentials, 'EC', None) is None:
        botocore.credentials.EC = object()
    botocore.credentials.LoginCredentialFetcher.load_cached_credentials = lambda self: {
        'access_key': 'A', 'secret_key': 'B', 'token': 'T', 'expiry_time': '2030-01-01T00:00:00Z', 'account_id': None}


def reading(config_path, credentials_path, lenient, with_types=True):
    config_raw, config_defaults, config_error = read_one(config_path, lenient)
    creds_raw, creds_defaults, creds_error = read_one(credentials_path, lenient)
    if config_error or creds_error:
        return {'config_error': config_error, 'credentials_error': creds_error}
    config_map = botocore.configloader.build_profile_map(config_raw)
    merged = copy.deepcopy(config_map['profiles'])
    for profile, values in creds_raw.items():
        if profile not in merged:
            merged[profile] = copy.deepcopy(values)
        else:
            merged[profile].update(values)
    out = {'config_error': None, 'credentials_error': None, 'merged': merged, 'credentials': creds_raw,
           'config_profiles': config_map['profiles'], 'sso_sessions': config_map['sso_sessions'],
           'config_defaults': config_defaults, 'credentials_defaults': creds_defaults}
    if not with_types:
        return out
    LENIENT['on'] = lenient
    try:
        out['types'] = credential_types(config_path, credentials_path, list(merged))
    finally:
        LENIENT['on'] = False
    return out


def oracle_for(folder):
    config_path = os.path.join(folder, 'config')
    credentials_path = os.path.join(folder, 'credentials')
    strict = reading(config_path, credentials_path, False)
    lenient = reading(config_path, credentials_path, True)
    return {'strict': strict, 'lenient': lenient if 'merged' in lenient else None,
            'lenient_errors': None if 'merged' in lenient else lenient}


def generate(out_dir, count, seed):
    rng = random.Random(seed)
    if os.path.isdir(out_dir):
        shutil.rmtree(out_dir)
    os.makedirs(out_dir)
    cases = []
    for i in range(count):
        folder = os.path.join(out_dir, 'case%04d' % i)
        os.makedirs(folder)
        names_used = []
        for kind in ('config', 'credentials'):
            flavour = {
                'bad': rng.random() < 0.12,
                'latin1': rng.random() < 0.06,
                'bom': rng.random() < 0.05,
                'final_newline': rng.random() < 0.85,
                'newline': rng.choices([b'\n', b'\r\n', b'\r', b'mixed'], [70, 18, 6, 6])[0],
            }
            with _real_open(os.path.join(folder, kind), 'wb') as f:
                f.write(build_file(rng, kind, names_used, flavour))
        oracle = oracle_for(folder)
        oracle['folder'] = folder
        oracle['change'] = plan_change(rng, oracle)
        cases.append(oracle)
    with _real_open(os.path.join(out_dir, 'cases.json'), 'w', encoding='utf-8') as f:
        json.dump(cases, f, ensure_ascii=True)

# ---------------------------------------------------------------- comparison


def split_lines(data):
    lines, start, i = [], 0, 0
    while i < len(data):
        if data[i:i + 1] == b'\r':
            end = i + 2 if data[i + 1:i + 2] == b'\n' else i + 1
            lines.append(data[start:end]); start = i = end; continue
        if data[i:i + 1] == b'\n':
            lines.append(data[start:i + 1]); start = i = i + 1; continue
        i += 1
    if start < len(data):
        lines.append(data[start:])
    return lines


def untouched_ok(before, after, keys):
    """Every line of `before` is in `after` unchanged, except lines that set one of `keys` (and their
    continuation lines) and a last line that gains a newline; every new line is a key line, a header
    or a blank line."""
    a, b = split_lines(before), split_lines(after)
    key_words = [k.encode() for k in keys]

    def is_key_line(line):
        s = line.strip().lower()
        return any(s.startswith(k) and s[len(k):].lstrip()[:1] in (b'=', b':') for k in key_words)

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == 'equal':
            continue
        removed, added = a[i1:i2], b[j1:j2]
        for i, line in enumerate(removed):
            if is_key_line(line):
                continue
            if i1 + i == len(a) - 1 and not line.endswith((b'\n', b'\r')) and any(x.rstrip(b'\r\n') == line for x in added):
                continue  # the last line gained a newline
            if i > 0 and (line[:1] in (b' ', b'\t') or line.strip() == b''):
                continue  # a continuation (or blank) line of the replaced value
            return 'line %d changed or dropped: %r' % (i1 + i + 1, line[:60])
        for line in added:
            s = line.strip()
            if is_key_line(line) or s == b'' or (s.startswith(b'[') and s.endswith(b']')):
                continue
            if removed and line.rstrip(b'\r\n') == removed[-1].rstrip(b'\r\n'):
                continue
            return 'unexpected new line %r' % line[:60]
    return None


def expected_after(case):
    """botocore's reading before the change, with the change applied where the CLI would read it."""
    base = case['strict'] if 'merged' in case['strict'] else case['lenient']
    change = case['change']
    name = change['name']
    merged = copy.deepcopy(base['merged'])
    creds = copy.deepcopy(base['credentials'])
    if change['file'] == 'credentials':
        section = creds.setdefault(name, dict(base['credentials_defaults']))
        section.update(change['keys'])
        profile = merged.setdefault(name, {})
        profile.update(section)
    else:
        if name not in base['config_profiles']:
            config_section = dict(base['config_defaults'])
        else:
            config_section = copy.deepcopy(base['config_profiles'][name])
        config_section.update(change['keys'])
        profile = config_section
        if name in creds:
            profile.update(creds[name])
        merged[name] = profile
    return {'merged': merged, 'credentials': creds}


def check(out_dir):
    with _real_open(os.path.join(out_dir, 'cases.json'), encoding='utf-8') as f:
        cases = json.load(f)
    with _real_open(os.path.join(out_dir, 'report.json'), encoding='utf-8-sig') as f:
        reports = {r['Folder']: r for r in json.load(f)}
    summary = {'cases': len(cases), 'accepted': 0, 'encoding_only': 0, 'rejected': 0,
               'get_compared': 0, 'get_mismatches': [], 'type_compared': 0, 'type_mismatches': [],
               'verdict_mismatches': [], 'set_written': 0, 'set_refused': 0, 'set_mismatches': [],
               'bytes_mismatches': []}
    for case in cases:
        folder = case['folder']
        report = reports[folder]
        strict_ok = 'merged' in case['strict']
        lenient = case['lenient']
        if strict_ok:
            summary['accepted'] += 1
        elif lenient:
            summary['encoding_only'] += 1
        else:
            summary['rejected'] += 1
        # 1. The verdict: structural problems exactly where lenient botocore fails; encoding ones where only strict fails.
        ours_structural = report['Rejected']
        ours_any = report['Rejected'] or report['EncodingProblem']
        if ours_structural != (lenient is None) or ours_any != (not strict_ok):
            summary['verdict_mismatches'].append({'folder': folder, 'ours': [ours_structural, ours_any], 'botocore': [lenient is None, not strict_ok]})
        if lenient is None:
            errors = case['lenient_errors']
            for which in ('config', 'credentials'):
                err = errors[which + '_error']
                if err and err['line'] is not None and err['line'] not in report[which.capitalize() + 'ProblemLines']:
                    summary['verdict_mismatches'].append({'folder': folder, 'file': which, 'line': err['line'], 'ours': report[which.capitalize() + 'ProblemLines']})
        # 2. Get-AwsProfile's view equals botocore's (strict where it reads the file, else lenient).
        base = case['strict'] if strict_ok else lenient
        if base:
            summary['get_compared'] += 1
            ours = report['Profiles']
            theirs = base['merged']
            if sorted(ours) != sorted(theirs):
                summary['get_mismatches'].append({'folder': folder, 'ours': sorted(ours), 'botocore': sorted(theirs)})
            else:
                for name, values in theirs.items():
                    mine = ours[name]
                    if mine['Settings'] != values:
                        summary['get_mismatches'].append({'folder': folder, 'profile': name, 'ours': mine['Settings'], 'botocore': values})
                    for prop, key in (('Region', 'region'), ('Output', 'output'), ('RoleArn', 'role_arn'), ('SourceProfile', 'source_profile'),
                                      ('MfaSerial', 'mfa_serial'), ('SsoAccountId', 'sso_account_id'), ('SsoRoleName', 'sso_role_name'),
                                      ('CredentialProcess', 'credential_process'), ('SsoSession', 'sso_session')):
                        want = values.get(key)
                        want = want if isinstance(want, str) and want else None
                        if mine[prop] != want:
                            summary['get_mismatches'].append({'folder': folder, 'profile': name, 'property': prop, 'ours': mine[prop], 'botocore': want})
                    summary['type_compared'] += 1
                    if mine['CredentialType'] != base['types'][name]:
                        summary['type_mismatches'].append({'folder': folder, 'profile': name, 'ours': mine['CredentialType'], 'botocore': base['types'][name]})
        # 3. Set-AwsProfile: refused (nothing changed) exactly where botocore cannot parse the structure;
        #    elsewhere botocore reads the expected dictionary and untouched lines are byte for byte.
        after_dir = report['SetFolder']
        change = case['change']
        changed = {}
        for kind in ('config', 'credentials'):
            with _real_open(os.path.join(folder, kind), 'rb') as f:
                before = f.read()
            path = os.path.join(after_dir, kind)
            after = _real_open(path, 'rb').read() if os.path.exists(path) else b''
            changed[kind] = (before, after)
        if lenient is None:
            summary['set_refused'] += 1
            if report['SetError'] != 'ProfileFileInvalid' or any(b != a for b, a in changed.values()):
                summary['set_mismatches'].append({'folder': folder, 'expected': 'refused', 'error': report['SetError']})
            continue
        if report['SetError']:
            summary['set_mismatches'].append({'folder': folder, 'expected': 'written', 'error': report['SetError']})
            continue
        summary['set_written'] += 1
        after_reading = reading(os.path.join(after_dir, 'config'), os.path.join(after_dir, 'credentials'), not strict_ok, with_types=False)
        expected = expected_after(case)
        if 'merged' not in after_reading:
            summary['set_mismatches'].append({'folder': folder, 'after': after_reading})
        elif after_reading['merged'] != expected['merged'] or after_reading['credentials'] != expected['credentials']:
            summary['set_mismatches'].append({'folder': folder, 'profile': change['name'], 'keys': change['keys'],
                                              'after': after_reading['merged'].get(change['name']), 'expected': expected['merged'].get(change['name'])})
        for kind, (before, after) in changed.items():
            problem = untouched_ok(before, after, list(change['keys']))
            if problem:
                summary['bytes_mismatches'].append({'folder': folder, 'file': kind, 'problem': problem})
    _patch_print(summary)


def _patch_print(summary):
    for key in list(summary):
        if isinstance(summary[key], list):
            summary[key + '_count'] = len(summary[key])
            summary[key] = summary[key][:5]
    json.dump(summary, sys.stdout, ensure_ascii=True, default=str)


if __name__ == '__main__':
    _patch_providers()
    if sys.argv[1] == 'generate':
        generate(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        check(sys.argv[2])
