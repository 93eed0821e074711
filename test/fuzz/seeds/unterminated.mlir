//“e%c
 kit