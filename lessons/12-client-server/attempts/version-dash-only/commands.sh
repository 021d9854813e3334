docker --version
