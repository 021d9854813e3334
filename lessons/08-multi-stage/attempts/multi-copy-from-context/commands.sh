docker build -t blog:multi blog
