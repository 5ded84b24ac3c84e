"""The Documents area: the register of documents produced, making a closed
meeting's pack on a worker thread, and the letter template editor."""
