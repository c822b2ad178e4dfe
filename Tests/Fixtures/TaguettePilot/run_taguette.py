"""Start Taguette 1.5.2 on 127.0.0.1 with a fresh database and no call to msg.taguette.org."""
import sys
import taguette.web.base as base
base.Application.check_messages = lambda self: None
from taguette.main import main
sys.argv = ['taguette', '--no-browser', '--bind', '127.0.0.1', '--port', sys.argv[1], '--database', sys.argv[2]]
main()
