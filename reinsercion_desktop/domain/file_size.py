"""A file's size as people read it in Spanish: «12,5 MB» (decimal comma, 1 decimal)."""


def file_size_es(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            if unit == "bytes":
                return f"{int(value)} bytes"
            return f"{value:.1f} {unit}".replace(".", ",")
        value /= 1024
    return f"{size} bytes"  # not reached
