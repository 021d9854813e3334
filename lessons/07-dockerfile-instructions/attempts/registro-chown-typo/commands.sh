docker build -t registro registro
