"""The Lite main.py run where Lite runs it: in Pyodide (under Node), and in a CPython that cannot
load numpy or pandas. The cases both runs price, and the desktop's answers they are held to."""
