#!/usr/bin/env python3
"""parity's PostgreSQL client on a node: the builds parity installs carry no psql or pg_basebackup.

Speaks the frontend/backend protocol (version 3) over the server's own Unix socket, where pg_hba
trusts the service account; nothing is passed on a command line but where the socket is.

  parity_pg.py query  SOCKET_DIR PORT          SQL on stdin; each row printed tab-separated
  parity_pg.py backup SOCKET_DIR PORT DATA OUT  a base backup of DATA, taken hot, as a tar file OUT
"""
import io
import os
import socket
import struct
import sys
import tarfile
import tempfile


class Error(Exception):
    pass


class Session:
    def __init__(self, socket_dir, port):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(os.path.join(socket_dir, ".s.PGSQL.%d" % int(port)))
        params = b"user\0postgres\0database\0postgres\0application_name\0parity\0\0"
        self.sock.sendall(struct.pack("!ii", 8 + len(params), 196608) + params)
        while True:
            kind, body = self._message()
            if kind == b"R" and struct.unpack("!i", body[:4])[0] != 0:
                raise Error("the server asks for a password on its own socket; pg_hba must trust it")
            if kind == b"E":
                raise Error(self._error(body))
            if kind == b"Z":
                return

    def _read(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise Error("the server closed the connection")
            data += chunk
        return data

    def _message(self):
        kind = self._read(1)
        length = struct.unpack("!i", self._read(4))[0]
        return kind, self._read(length - 4)

    @staticmethod
    def _error(body):
        fields = dict((f[:1], f[1:].decode("utf-8", "replace")) for f in body.split(b"\0") if f)
        return "%s: %s" % (fields.get(b"S", "ERROR"), fields.get(b"M", "unknown error"))

    def query(self, sql):
        """Every row of every statement, as lists of text (None for NULL); stops at the first error."""
        payload = sql.encode("utf-8") + b"\0"
        self.sock.sendall(b"Q" + struct.pack("!i", 4 + len(payload)) + payload)
        rows, error = [], None
        while True:
            kind, body = self._message()
            if kind == b"D":
                count, at, row = struct.unpack("!h", body[:2])[0], 2, []
                for _ in range(count):
                    size = struct.unpack("!i", body[at:at + 4])[0]
                    at += 4
                    row.append(None if size < 0 else body[at:at + size].decode("utf-8"))
                    at += max(size, 0)
                rows.append(row)
            elif kind == b"E":
                error = self._error(body)
            elif kind == b"Z":
                if error:
                    raise Error(error)
                return rows

    def close(self):
        self.sock.sendall(b"X" + struct.pack("!i", 4))
        self.sock.close()


# What a base backup leaves out: the server's runtime state and the WAL, which the standby streams
# from its slot (PostgreSQL's documentation, "Making a Base Backup Using the Low Level API").
SKIPPED_FILES = {"postmaster.pid", "postmaster.opts", "standby.signal", "recovery.signal",
                 "backup_label", "tablespace_map", "pg_internal.init"}
EMPTIED_DIRS = {"pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots",
                "pg_stat_tmp", "pg_subtrans"}


def add_file(tar, path, name):
    # A file may grow or shrink while it is read (the server runs): what was read is what is added;
    # WAL replay on the standby puts every page right.
    with open(path, "rb") as source, tempfile.SpooledTemporaryFile(64 << 20) as copy:
        size = 0
        while True:
            chunk = source.read(1 << 20)
            if not chunk:
                break
            copy.write(chunk)
            size += len(chunk)
        copy.seek(0)
        info = tar.gettarinfo(path, name)
        info.size = size
        tar.addfile(info, copy)


def backup(session, data, out):
    version = int(session.query("SHOW server_version_num")[0][0])
    start, stop = (("pg_backup_start('parity standby', true)", "pg_backup_stop(true)")
                   if version >= 150000 else
                   ("pg_start_backup('parity standby', true, false)", "pg_stop_backup(false, true)"))
    session.query("SELECT " + start)
    try:
        with tarfile.open(out, "w") as tar:
            for root, dirs, files in os.walk(data):
                rel = os.path.relpath(root, data)
                if rel != ".":
                    tar.add(root, rel, recursive=False)
                top = rel.split(os.sep)[0]
                if top in EMPTIED_DIRS:
                    # the directory itself, empty; pg_wal keeps its own (archive_status, summaries)
                    dirs[:] = dirs if top == "pg_wal" else []
                    continue
                for name in files:
                    if rel == "." and name in SKIPPED_FILES or name == "pg_internal.init":
                        continue
                    path = os.path.join(root, name)
                    try:
                        add_file(tar, path, os.path.normpath(os.path.join(rel, name)))
                    except FileNotFoundError:
                        pass  # dropped while the backup ran; replay drops it too
            label, spcmap = session.query("SELECT labelfile, spcmapfile FROM " + stop)[0]
            stop = None
            for name, text in (("backup_label", label), ("tablespace_map", spcmap)):
                if text:
                    info = tarfile.TarInfo(name)
                    info.size, info.mode = len(text.encode("utf-8")), 0o600
                    tar.addfile(info, io.BytesIO(text.encode("utf-8")))
    finally:
        if stop:
            session.query("SELECT " + stop)


def main(argv):
    if len(argv) < 3 or argv[0] not in ("query", "backup"):
        sys.stderr.write(__doc__)
        return 2
    session = Session(argv[1], argv[2])
    try:
        if argv[0] == "query":
            for row in session.query(sys.stdin.read()):
                print("\t".join("" if v is None else v for v in row))
        else:
            backup(session, argv[3], argv[4])
    finally:
        session.close()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except (Error, OSError) as e:
        sys.stderr.write("parity_pg: %s\n" % e)
        sys.exit(1)
