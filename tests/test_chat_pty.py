"""`policybot chat` in a real pseudo-terminal: what a user types, what a user sees."""
import os
import re
import select
import shutil
import signal
import struct
import sys
import time

import pytest

pty = pytest.importorskip("pty")
fcntl = pytest.importorskip("fcntl")
termios = pytest.importorskip("termios")

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|[\x01\x02]")
BESIDE = os.path.join(os.path.dirname(sys.executable), "policybot")   # this interpreter's script, not PATH's
EXE = BESIDE if os.path.exists(BESIDE) else shutil.which("policybot")


class Terminal:
    """A child process on a pty; `expect` reads until a pattern shows up in the (colourless) screen text."""

    def __init__(self, argv, env, cwd):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the pty is its controlling terminal
            os.chdir(cwd)
            os.execve(argv[0], argv, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
        self.raw = b""   # everything the terminal showed
        self.mark = 0    # how much of the (cleaned) screen text `expect` has consumed

    @property
    def screen(self):
        """All output so far, decoded as a whole (readline writes byte by byte), without colours."""
        return ANSI.sub("", self.raw.decode("utf-8", "replace")).replace("\r\n", "\n")

    @property
    def seen(self):
        return self.screen[self.mark:]

    def read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            return None
        if not data:
            return None
        self.raw += data
        return True

    def expect(self, pattern, timeout=20):
        """Wait for `pattern` after what was matched before; returns the text up to and including it."""
        deadline = time.monotonic() + timeout
        while True:
            seen = self.seen
            match = re.search(pattern, seen)
            if match:
                self.mark += match.end()
                return seen[: match.end()]
            left = deadline - time.monotonic()
            if left <= 0 or self.read(left) is None:
                raise AssertionError(f"never saw {pattern!r}; the screen shows:\n{self.seen}")

    def send(self, text):
        os.write(self.fd, text.encode())

    def wait_for_line_editing(self, timeout=20):
        """Wait until readline owns the terminal (canonical mode off), so keys such as arrows arrive whole."""
        deadline = time.monotonic() + timeout
        while termios.tcgetattr(self.fd)[3] & termios.ICANON:
            if time.monotonic() > deadline:
                raise AssertionError("the terminal never left canonical mode")
            self.read(0.02)

    def wait(self, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            self.read(0.05)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError(f"policybot chat did not exit; the screen shows:\n{self.seen}")


@pytest.fixture
def term(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(TERM="xterm-256color", XDG_STATE_HOME=str(tmp_path / "state"), HOME=str(tmp_path),
               INPUTRC="/dev/null", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    terms = []

    def start(*args):
        t = Terminal([EXE, *args], env, tmp_path)
        terms.append(t)
        return t
    yield start
    for t in terms:
        try:
            os.kill(t.pid, signal.SIGKILL)
            os.waitpid(t.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(t.fd)


def test_question_follow_up_and_ctrl_d(term, tmp_path):
    t = term("chat")
    t.expect(r"Type help for examples")
    t.expect(r"› ")
    t.send("what is _zendesk_remember_me\r")
    answer = t.expect(r"\n› ")
    assert "_zendesk_remember_me" in answer
    assert "Source: cookie table: _zendesk_remember_me" in answer

    t.send("how long does it last?\r")
    follow_up = t.expect(r"\n› ")
    assert re.search(r"2 semaines|2 weeks|two weeks|14 days", follow_up), follow_up

    t.send("\x04")  # Ctrl-D
    assert t.wait() == 0
    assert "Traceback" not in t.screen
    history = (tmp_path / "state" / "policybot" / "history").read_text()
    assert "what is _zendesk_remember_me" in history and "how long does it last?" in history


def test_history_comes_back_and_ctrl_c_leaves_cleanly(term, tmp_path):
    state = tmp_path / "state" / "policybot"
    state.mkdir(parents=True)
    (state / "history").write_text("what is _zendesk_session\n")
    t = term("chat")
    t.expect(r"› ")
    t.wait_for_line_editing()
    t.send("\x1b[A")  # up arrow: the question from the last session
    t.expect(r"what is _zendesk_session")
    t.send("\r")
    assert "_zendesk_session" in t.expect(r"\n› ")
    t.send("help\r")
    assert "quit" in t.expect(r"\n› ")
    t.send("\x03")  # Ctrl-C
    assert t.wait() == 0
    assert "Traceback" not in t.screen and "KeyboardInterrupt" not in t.screen


TIMES = 10   # each awkward moment is played this many times: a race shows up as a failure, not as luck


def settled(t):
    """Wait for the first prompt of a fresh session."""
    t.expect(r"Type help for examples")
    t.expect(r"› ")


@pytest.mark.parametrize("attempt", range(TIMES))
def test_ctrl_c_as_the_prompt_reappears_leaves_at_once(term, attempt):
    t = term("chat")
    settled(t)
    t.send("what is Wistia\r")
    t.expect(r"Source: .*\n(.*\n)*› ")
    t.send("\x03")                      # the instant the prompt is back
    assert t.wait(timeout=10) == 0
    assert "Traceback" not in t.screen


@pytest.mark.parametrize("attempt", range(TIMES))
def test_keys_typed_while_an_answer_prints_are_kept_in_order(term, attempt):
    t = term("chat")
    settled(t)
    # one write: the follow-up and Ctrl-D are typed before the first answer is printed
    t.send("what is _zendesk_remember_me\rhow long does it last?\r\x04")
    t.expect(r"Source: cookie table: _zendesk_remember_me")
    assert re.search(r"2 semaines|2 weeks", t.expect(r"\n› .*\n(.*\n)*?.*(2 semaines|2 weeks)"))
    assert t.wait(timeout=10) == 0     # the Ctrl-D typed ahead still ends the session
    assert "Traceback" not in t.screen


@pytest.mark.parametrize("attempt", range(TIMES))
def test_ctrl_c_typed_ahead_leaves_after_the_answer(term, attempt):
    t = term("chat")
    settled(t)
    t.send("what is Wistia\r\x03")
    t.expect(r"Wistia")
    assert t.wait(timeout=10) == 0
    assert "Traceback" not in t.screen and "KeyboardInterrupt" not in t.screen


def test_ctrl_c_cancels_the_line_being_typed_and_a_second_press_leaves(term, tmp_path):
    t = term("chat")
    settled(t)
    t.wait_for_line_editing()
    t.send("what is Wist")
    t.expect(r"what is Wist")
    t.send("\x03")                                   # cancel: not asked, a fresh prompt
    t.expect(r"\n› ")
    t.send("what is _zendesk_session\r")
    answer = t.expect(r"\n› ")
    assert "_zendesk_session" in answer and "Wistia" not in answer
    t.send("how long\x03")                           # cancel again, then a second press leaves
    t.expect(r"\n› ")
    t.send("\x03")
    assert t.wait(timeout=10) == 0
    assert "Video Streaming" not in t.screen          # the cancelled question about Wistia was never answered
    history = (tmp_path / "state" / "policybot" / "history").read_text()
    assert "what is _zendesk_session" in history and "Wist" not in history and "how long" not in history


def test_the_terminal_is_given_back_as_it_was(term):
    t = term("chat")
    before = termios.tcgetattr(t.fd)
    settled(t)
    t.send("quit\r")
    assert t.wait(timeout=10) == 0
    after = termios.tcgetattr(t.fd)
    assert after[3] & termios.ICANON and after[3] & termios.ISIG
    assert after[6][termios.VINTR] == before[6][termios.VINTR]


def test_typed_on_a_terminal_but_written_to_a_pipe_still_shows_the_prompt(tmp_path):
    """`policybot chat | tee log`: stdin is the terminal, stdout a pipe; the user must see where to type."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(TERM="xterm-256color", XDG_STATE_HOME=str(tmp_path / "state"), HOME=str(tmp_path),
               LANG="C.UTF-8", LC_ALL="C.UTF-8")
    log = tmp_path / "log"
    t = Terminal(["/bin/sh", "-c", f"'{EXE}' chat | tee '{log}'"], env, tmp_path)
    try:
        t.expect(r"Type help for examples")
        t.expect(r"› ")
        t.send("what is Wistia\r")
        t.expect(r"Wistia: Video Streaming")        # through tee: it may come before or after the next prompt
        t.send("\x04")
        assert t.wait(timeout=10) == 0
        assert t.screen.count("› ") == 2               # a prompt for the question, one for the Ctrl-D
        assert "Wistia: Video Streaming" in log.read_text() and "› " not in log.read_text()
    finally:
        try:
            os.kill(t.pid, signal.SIGKILL)
            os.waitpid(t.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(t.fd)
